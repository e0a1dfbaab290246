// The end-to-end harness: the playground, its internal routes, the connector tap, Chromium.
export { startPlayground, ROOT, ARTIFACTS, type TestPlayground, type StartPlaygroundOptions } from './playground.js';
export { PlaygroundClient, PlaygroundError, type PlaygroundConfig, type PlaygroundUser, type SayOptions } from './client.js';
export { ConnectorTap, type ConnectorCall, type CreatedConversation } from './connector-tap.js';
export { Transcript, cardOf, textOf, type BotMessage, type Card } from './transcript.js';
export { actionsOf, findAction, buttonTitles, type CardAction } from './cards.js';
export { launchChromium, PlaygroundUi, CardForm, CHROMIUM_PATH, type ChromiumSession, type ChatName } from './browser.js';
export { DEMO_USERS, DEMO_TENANT_ID, assertDemoUsers, type DemoRole, type DemoUser } from './demo-users.js';
export { CardRenderer, type RenderedCard } from './card-render.js';
export { startConferenceBot, type RunningConferenceBot, type ConferenceBotOptions } from './conference-bot.js';
