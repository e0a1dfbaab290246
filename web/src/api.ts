// The desk's API as the page calls it: every request carries the Teams SSO token; a refusal's
// message comes back as it is, for the page to show.
export class DeskError extends Error {
  constructor(readonly status: number, message: string, readonly role?: string) {
    super(message);
  }
}

// The shapes the API answers with come from the rules they are worked out by.
import type { ConferenceFact, Duty, Measure, Ratio } from '../../src/rules/desk.js';
export type { Duty, Measure, Ratio };

export type Role = 'unit' | 'chair' | 'none';

/** A conference as the desk lists it: its fact (no tenant) and what it owes. */
export type Conference = Omit<ConferenceFact, 'tenantId'> & { duties: Duty[] };

export interface MonthRow {
  month: string;
  held: number;
  withinS47: number;
  withS47: number;
  withinStrategy: number;
}

export class DeskApi {
  constructor(private readonly token: string) {}

  private async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(path, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${this.token}` } });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string; role?: string };
      throw new DeskError(res.status, body.error ?? `The desk answered ${res.status}.`, body.role);
    }
    return res;
  }

  async json<T>(path: string): Promise<T> {
    return (await this.fetch(path)).json() as Promise<T>;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return (await this.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<T>;
  }

  /** Downloads a file the API makes (a PDF, a CSV) under the name it gives. */
  async download(path: string): Promise<void> {
    const res = await this.fetch(path);
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
