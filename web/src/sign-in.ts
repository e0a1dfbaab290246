// Teams single sign-on: teams-js asks the Teams host for an Entra token for this app. Outside
// Teams there is no host to ask, and the page says so. Hosts other than Microsoft's own (a
// loopback host in the tests) must be named by the server in /desk/config.json.
import { app, authentication } from '@microsoft/teams-js';

export async function signIn(): Promise<string> {
  const config = (await (await fetch('config.json')).json()) as { hostOrigins: string[] };
  if (window.parent === window) throw new Error('Open the desk from its tab in Microsoft Teams: it signs you in through Teams.');
  await withTimeout(app.initialize(config.hostOrigins), 15_000, 'Teams did not answer. Reload the tab.');
  return withTimeout(authentication.getAuthToken(), 30_000, 'Teams did not sign you in. Reload the tab.');
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}
