// A running bot over a fresh store on the test Azurite, a loopback Bot Connector, a movable
// clock and the cast of a conference: everything a walk-through drives over HTTP.
import { expect } from 'chai';
import { startApp } from '../../../bot/app.js';
import { readConfig } from '../../../bot/config.js';
import type { DeskConfig } from '../../../bot/desk/config.js';
import type { RunningServer } from '../../../bot/server.js';
import { azuriteConnectionString as azuriteConnectionStringOf } from '../../../src/store/azurite.js';
import { createStore } from '../../../src/store/store.js';
import { tableClients } from '../../../src/store/tables.js';
import { testStore, type TestStore } from '../../support/store.js';
import type { StoreProxy } from './store-proxy.js';
import { assertValidCard } from '../../support/card-check.js';
import { FakeConnector, type Member, type Outgoing } from './connector.js';
import { FakeGraph, DIRECTORY_APP } from './graph.js';
import { TeamsClient, TENANT, type Conversation } from './teams.js';

const member = (key: string, name: string): Member => ({ id: `29:${key}`, aadObjectId: `aad-${key}`, name, email: `${key}@example.gov.uk` });

export const CAST = {
  cpu: member('cpu', 'Carol Unit'),
  chair: member('chair', 'Irene Chair'),
  social: member('social', 'Sam Social'),
  police: member('police', 'Pat Police'),
  health: member('health', 'Hana Visitor'),
  school: member('school', 'Sid School'),
  gp: member('gp', 'Gita Doctor'),
  probation: member('probation', 'Paul Probation'),
  housing: member('housing', 'Hugh Housing'),
  paeds: member('paeds', 'Priya Paediatrician'),
  mother: member('mother', 'Mary Parent'),
  father: member('father', 'Frank Parent'),
  support: member('support', 'Steve Support'),
  stranger: member('stranger', 'Sophie Stranger'),
};
export type CastKey = keyof typeof CAST;

/** Who is invited as what: eight agencies, two parents and a support worker. */
export const INVITEES: { key: CastKey; agency: string; role: string; direct: boolean }[] = [
  { key: 'social', agency: 'childrens-social-care', role: 'professional', direct: true },
  { key: 'police', agency: 'police', role: 'professional', direct: true },
  { key: 'health', agency: 'health-visiting', role: 'professional', direct: true },
  { key: 'school', agency: 'education', role: 'professional', direct: true },
  { key: 'gp', agency: 'gp', role: 'professional', direct: true },
  { key: 'probation', agency: 'probation', role: 'professional', direct: false },
  { key: 'housing', agency: 'housing', role: 'professional', direct: false },
  { key: 'paeds', agency: 'paediatrics', role: 'professional', direct: true },
  { key: 'mother', agency: 'family', role: 'family', direct: true },
  { key: 'father', agency: 'family', role: 'family', direct: true },
  { key: 'support', agency: 'childrens-social-care', role: 'support-staff', direct: false },
];

export const CHILD_FULL_NAME = 'Jordan Example-Smith';
export const GROUP: Conversation = { id: '19:conference-chat@thread.v2', conversationType: 'groupChat' };

export class Harness {
  readonly connector = new FakeConnector(Object.values(CAST));
  /** Entra ID and Microsoft Graph: people are found by email through the directory. */
  readonly graph = new FakeGraph(Object.values(CAST));
  store!: TestStore;
  server!: RunningServer;
  teams!: TeamsClient;
  now = new Date('2026-11-23T09:00:00Z');
  /** The desk tab's settings (its token key set), for tests of the desk. */
  desk?: DeskConfig;
  /** When set (before `start`), the bot reaches the store through this proxy, for storage faults; the test reads directly. */
  storeProxy?: StoreProxy;

  /** `policyDir`: the deployment's POLICY_DIR (default: the shipped built-ins). */
  constructor(private policyDir?: string) {}
  /** What the bot logged (for failure messages). */
  readonly logs: string[] = [];

  async start(): Promise<void> {
    await this.connector.start();
    await this.graph.start();
    this.store = await testStore();
    await this.startBot();
    this.connector.addConversation(GROUP.id, Object.values(CAST).filter((m) => m !== CAST.stranger));
  }

  private async startBot(): Promise<void> {
    const config = readConfig({
      PORT: '0',
      ADMIN_USER_IDS: CAST.cpu.aadObjectId,
      DIRECTORY_TENANT_ID: TENANT,
      DIRECTORY_CLIENT_ID: DIRECTORY_APP.clientId,
      DIRECTORY_CLIENT_SECRET: DIRECTORY_APP.secret,
      GRAPH_ENDPOINT: this.graph.url,
      GRAPH_AUTHORITY: this.graph.url,
      ...(this.policyDir ? { POLICY_DIR: this.policyDir } : {}),
    });
    const store = this.storeProxy ? createStore(tableClients(azuriteConnectionStringOf(`http://127.0.0.1:${this.storeProxy.port}/devstoreaccount1`), this.store.prefix)) : this.store;
    this.server = await startApp({ config, store, now: () => this.now, log: (line) => void this.logs.push(line), host: '127.0.0.1', desk: this.desk });
    this.teams = new TeamsClient(this.server.url, () => this.connector.url);
  }

  /** A new deployment of the bot over the same store (e.g. with the policy folder changed). */
  async redeploy(policyDir = this.policyDir): Promise<void> {
    await this.server.close();
    this.policyDir = policyDir;
    await this.startBot();
  }

  async stop(): Promise<void> {
    await this.server?.close();
    await this.connector.stop();
    await this.graph.stop();
  }

  /** Every card the bot sent anywhere so far; each is checked with Microsoft's parser. */
  cards(where?: string): { out: Outgoing; card: Record<string, any> }[] {
    return this.connector.outgoing
      .filter((o) => !where || o.conversationId === where)
      .flatMap((out) => (out.activity.attachments ?? []).map((a: { content: Record<string, any> }) => ({ out, card: a.content })));
  }

  /** The newest card in a conversation whose text mentions `needle`. */
  lastCard(where: string, needle: string): { out: Outgoing; card: Record<string, any> } {
    const found = this.cards(where).filter((c) => JSON.stringify(c.card).includes(needle)).at(-1);
    expect(found, `a card mentioning "${needle}" in ${where}`).to.not.equal(undefined);
    return found!;
  }

  personal(key: CastKey): Conversation {
    return { id: `a:personal-${CAST[key].id}`, conversationType: 'personal' };
  }

  /** Clicks Action.Execute and expects success; returns the card the clicker now sees. */
  async click(key: CastKey, where: Conversation, verb: string, data: Record<string, unknown>, replyToId?: string): Promise<Record<string, any>> {
    const res = await this.teams.execute(CAST[key], where, verb, data, replyToId);
    expect(res.status, `${key} ${verb}: ${JSON.stringify(res.body)}`).to.equal(200);
    assertValidCard(res.body.value, `${verb} answer`);
    return res.body.value;
  }

  /** Clicks Action.Execute and expects a refusal; returns its message. */
  async refused(key: CastKey, where: Conversation, verb: string, data: Record<string, unknown>): Promise<string> {
    const res = await this.teams.execute(CAST[key], where, verb, data);
    expect(res.status).to.equal(200);
    expect(res.body.statusCode, `${key} ${verb} should be refused`).to.equal(400);
    return res.body.value.message as string;
  }

  /**
   * The newest update of a posted card once it contains `needle`: shared cards are brought up to
   * date by their writer after the click is answered (bot/shared-cards.ts), so this waits for it.
   */
  async updated(activityId: string, needle: string, timeoutMs = 30_000): Promise<string> {
    for (const until = Date.now() + timeoutMs; ; ) {
      const last = this.connector.outgoing.filter((o) => o.kind === 'update' && o.activityId === activityId).at(-1);
      const text = last ? JSON.stringify(last.activity) : '';
      if (text.includes(needle) || Date.now() > until) return text;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Fails on any card the bot sent that Microsoft's parser rejects, or that is too large. */
  checkAllCards(): number {
    const all = this.cards();
    for (const { card } of all) assertValidCard(card);
    return all.length;
  }

  /** Every activity posted to a group chat or channel, as text, to scan for names. */
  groupTraffic(): string {
    return this.connector.outgoing.filter((o) => !o.conversationId.startsWith('a:personal-')).map((o) => JSON.stringify(o.activity)).join('\n');
  }
}

/** The scheduling form as a person fills it. */
export function scheduleForm(policy: string, caseRef: string, date = '2026-12-07'): Record<string, unknown> {
  const form: Record<string, unknown> = {
    caseRef,
    childInitials: 'J.E.S.',
    childFullName: CHILD_FULL_NAME,
    kind: 'initial',
    triggerDate: '2026-11-20',
    date,
    time: '10:00',
    policy,
    chairName: CAST.chair.name,
    chairContact: CAST.chair.email,
    lookedAfter: 'false',
  };
  INVITEES.forEach((inv, i) => {
    const n = i + 1;
    Object.assign(form, {
      [`invitee${n}Name`]: CAST[inv.key].name,
      [`invitee${n}Contact`]: CAST[inv.key].email,
      [`invitee${n}Agency`]: inv.agency,
      [`invitee${n}Role`]: inv.role,
      [`invitee${n}Direct`]: String(inv.direct),
    });
  });
  return form;
}

/** One row of the scheduling form: a member of the cast, or anyone by name and contact. */
export interface FormRow {
  key?: CastKey;
  name?: string;
  contact?: string;
  agency: string;
  /** Left blank, the form reads it as "professional". */
  role?: string;
  direct?: boolean;
}

/** The scheduling form (Bolton) with exactly these rows, and any other fields over it. */
export function scheduleFormWith(caseRef: string, rows: FormRow[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const form = Object.fromEntries(Object.entries(scheduleForm('bolton', caseRef)).filter(([k]) => !k.startsWith('invitee')));
  rows.forEach((r, i) => {
    const n = i + 1;
    Object.assign(form, {
      [`invitee${n}Name`]: r.name ?? CAST[r.key!].name,
      [`invitee${n}Contact`]: r.contact ?? CAST[r.key!].email,
      [`invitee${n}Agency`]: r.agency,
      [`invitee${n}Role`]: r.role ?? '',
      [`invitee${n}Direct`]: String(r.direct ?? true),
    });
  });
  return { ...form, ...extra };
}

/** The text shown right after the input `id` (where the form says what is wrong with it). */
export function besideField(card: Record<string, any>, id: string): string {
  const flat: Record<string, any>[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, any>;
      if (typeof o.type === 'string' && (o.type.startsWith('Input.') || o.type === 'TextBlock')) flat.push(o);
      for (const [k, v] of Object.entries(o)) if (k !== 'fallback') walk(v);
    }
  };
  walk(card.body);
  const at = flat.findIndex((o) => o.id === id);
  expect(at, `input ${id}`).to.be.at.least(0);
  const next = flat[at + 1];
  return next?.type === 'TextBlock' && next.color === 'Attention' ? String(next.text) : '';
}
