// The desk's JSON API beside the bot's messaging endpoint. Every request carries the Teams SSO
// token; nothing is read before it is validated and the caller's scope (Unit or chair) is known;
// every view is audited. Handlers stay thin: parse (zod) → scope → store → rules → answer.
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { censusRows, CENSUS_COLUMNS, dutiesOf, measures, Period, timelinessByMonth, type ConferenceFact } from '../../src/rules/desk.js';
import { addCalendarDays } from '../../src/rules/calendar.js';
import { CaseRef, ConferenceKind, IsoDate } from '../../src/rules/types.js';
import { PolicyKey } from '../../src/rules/policy-schema.js';
import { ConferenceId } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';
import { localDate } from '../time.js';
import { isUnit, NOT_FOR_YOU, type Scope } from './access.js';
import type { DeskConfig } from './config.js';
import { toCsv } from './csv.js';
import { conferenceRecordPdf } from './record-pdf.js';
import type { AuditInput } from '../../src/store/audit.js';
import { TokenRefused, tokenVerifier, type DeskUser, type VerifyToken } from './token.js';
import { refreshConference } from './projection.js';
import { applyToStore, factsOf } from '../lifecycle.js';
import { RuleError } from '../../src/rules/errors.js';

export interface DeskDeps {
  store: Store;
  config: DeskConfig;
  now: () => Date;
  log: (line: string) => void;
  /** The validator; by default built from `config` (tests pass none: the same code runs). */
  verify?: VerifyToken;
}

/** A refusal the page shows as it is. */
class Refused extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const ListQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  chair: z.string().trim().min(1).max(200).optional(),
  kind: ConferenceKind.optional(),
  policy: PolicyKey.optional(),
});
const PeriodQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });
const MinutesBody = z.object({ sentOn: IsoDate.optional(), amendmentsClosedOn: IsoDate.optional() }).refine((b) => b.sentOn || b.amendmentsClosedOn, 'give the date the minutes were sent, or the amendments closed');
const S47Body = z.object({ s47StartDate: IsoDate });

/** At most about 3 years on one page or measure: the indexes are read a month at a time. */
const MAX_DAYS = 3 * 366 + 31;

export function mountDeskApi(server: Server, deps: DeskDeps): void {
  const verify = deps.verify ?? tokenVerifier(deps.config);
  const { store } = deps;

  async function scopeOf(req: Request): Promise<{ user: DeskUser; scope: Scope }> {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    if (!match) throw new Refused(401, 'Sign in through Teams to open the desk (no sign-in token was sent).');
    let user: DeskUser;
    try {
      user = await verify(match[1]!);
    } catch (e) {
      if (e instanceof TokenRefused) throw new Refused(401, e.message);
      throw e;
    }
    if (isUnit(user, deps.config)) return { user, scope: { role: 'unit', tenantId: user.tenantId } };
    if (await store.desk.isChair(user.tenantId, user.userId)) return { user, scope: { role: 'chair', tenantId: user.tenantId, chairId: user.userId } };
    return { user, scope: { role: 'none', tenantId: user.tenantId } };
  }

  const entryOf = (user: DeskUser, scope: Scope, view: string, details: Record<string, unknown>, conferenceId?: string): AuditInput => ({
    at: deps.now().toISOString(),
    userId: user.userId,
    name: user.name,
    action: `desk-${view}`,
    conferenceId,
    details: { role: scope.role, tenantId: scope.tenantId, ...details },
  });

  async function audited(user: DeskUser, scope: Scope, view: string, details: Record<string, unknown>, conferenceId?: string): Promise<void> {
    await store.audit.append(entryOf(user, scope, view, details, conferenceId));
  }

  /** A change the desk makes to a conference carries its entry in its own transaction (src/store/README.md). */
  const changeEntry = (user: DeskUser, scope: Scope, view: string, details: Record<string, unknown>, conferenceId: string) =>
    store.audit.entryAction({ ...entryOf(user, scope, view, details, conferenceId), conferenceId });

  /** Wraps a handler: token, scope, refusals as JSON with their status, nothing else leaked. */
  const handle =
    (
      view: string,
      // `audited`: the handler stored its entry with its change; otherwise the view is audited here, after.
      run: (req: Request, ctx: { user: DeskUser; scope: Scope; today: string }) => Promise<{ body: unknown; audit?: Record<string, unknown>; audited?: boolean; conferenceId?: string; send?: (res: Response) => void }>,
      options: { unitOnly?: boolean } = {},
    ) =>
    async (req: Request, res: Response) => {
      res.header('Cache-Control', 'no-store');
      let who: { user: DeskUser; scope: Scope } | undefined;
      try {
        who = await scopeOf(req);
        if (who.scope.role === 'none') {
          await audited(who.user, who.scope, 'refused', { view });
          throw new Refused(403, NOT_FOR_YOU);
        }
        if (options.unitOnly && who.scope.role !== 'unit') {
          await audited(who.user, who.scope, 'refused', { view });
          throw new Refused(403, 'Only the Child Protection Unit can see this: it covers every conference of the authority.');
        }
        const answer = await run(req, { ...who, today: localDate(deps.now()) });
        if (!answer.audited) await audited(who.user, who.scope, view, answer.audit ?? {}, answer.conferenceId);
        if (answer.send) answer.send(res);
        else res.send(200, answer.body);
      } catch (e) {
        if (e instanceof Refused) return void res.send(e.status, { error: e.message, role: who?.scope.role });
        if (e instanceof z.ZodError) return void res.send(400, { error: z.prettifyError(e) });
        deps.log(`desk ${view} failed: ${(e as Error).stack ?? e}`);
        res.send(500, { error: 'The desk could not answer just now. Try again in a minute.' });
      }
    };

  function periodOf(query: unknown, today: string, defaultDays: [number, number]): Period {
    const q = PeriodQuery.parse(query ?? {});
    const period = Period.parse({ from: q.from ?? addCalendarDays(today, defaultDays[0]), to: q.to ?? addCalendarDays(today, defaultDays[1]) });
    if (addCalendarDays(period.from, MAX_DAYS) < period.to) throw new Refused(400, 'Choose a period of at most 3 years.');
    return period;
  }

  /** A conference the caller may see (its tenant, and theirs if a chair); else the same "not found" for both. */
  async function visible(id: string, scope: Scope): Promise<ConferenceFact> {
    const fact = ConferenceId.safeParse(id).success ? await store.desk.get(id) : undefined;
    if (!fact || fact.tenantId !== scope.tenantId || (scope.chairId !== undefined && fact.chairId !== scope.chairId)) {
      throw new Refused(404, 'No such conference on your desk.');
    }
    return fact;
  }

  /** A conference as the page sees it (the row's bookkeeping stays here), with what it owes. */
  const withDuties = (f: ConferenceFact, today: string) => ({ ...strip(f), duties: dutiesOf(f, today) });

  server.get('/api/desk/me', handle('me', async (_req, { user, scope }) => ({ body: { name: user.name, role: scope.role } })));

  server.get(
    '/api/desk/conferences',
    handle('conferences', async (req, { scope, today }) => {
      const q = ListQuery.parse(req.query ?? {});
      const period = periodOf({ from: q.from, to: q.to }, today, [-14, 42]);
      const chairId = scope.chairId ?? q.chair;
      const [inPeriod, open] = await Promise.all([
        store.desk.conferences({ tenantId: scope.tenantId, chairId, ...period }),
        store.desk.openConferences(scope.tenantId, chairId),
      ]);
      const byId = new Map<string, ConferenceFact>();
      for (const f of [...open, ...inPeriod]) byId.set(f.conferenceId, f);
      const list = [...byId.values()]
        .filter((f) => (!q.kind || f.kind === q.kind) && (!q.policy || f.policy === q.policy))
        .sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time));
      const chairs = [...new Map(inPeriod.map((f) => [f.chairId, f.chairName])).entries()].map(([id, name]) => ({ id, name }));
      return { body: { today, period, conferences: list.map((f) => withDuties(f, today)), chairs }, audit: { query: q, count: list.length } };
    }),
  );

  server.get(
    '/api/desk/cases/:caseRef',
    handle('case', async (req, { scope, today }) => {
      const caseRef = CaseRef.safeParse(req.params.caseRef);
      if (!caseRef.success) throw new Refused(404, 'No such case on your desk.');
      const pointers = await store.conferences.listForCase(caseRef.data);
      const facts = (await Promise.all(pointers.map((c) => store.desk.get(c.id)))).filter((f): f is NonNullable<typeof f> => f !== undefined && f.tenantId === scope.tenantId);
      // A chair sees a case they chair a conference of, as a whole; anyone else's is "no such case".
      if (facts.length === 0 || (scope.chairId !== undefined && !facts.some((f) => f.chairId === scope.chairId))) throw new Refused(404, 'No such case on your desk.');
      const [plans, due] = await Promise.all([store.desk.plansOfCase(scope.tenantId, caseRef.data), store.dueItems.forCase(caseRef.data, { includeDone: true })]);
      return {
        body: { today, caseRef: caseRef.data, conferences: facts.map((f) => withDuties(f, today)), plans, due: due.map(({ userIds: _, ...d }) => d) },
        audit: { caseRef: caseRef.data },
      };
    }),
  );

  server.get(
    '/api/desk/measures',
    handle(
      'measures',
      async (req, { scope, today }) => {
        const period = periodOf(req.query, today, [-365, 0]);
        const [conferences, plans] = await Promise.all([store.desk.conferences({ tenantId: scope.tenantId, ...period }), store.desk.plansIn(scope.tenantId, period)]);
        return { body: { period, measures: measures(conferences, plans, period), byMonth: timelinessByMonth(conferences, period) }, audit: { period } };
      },
      { unitOnly: true },
    ),
  );

  server.get(
    '/api/desk/plans.csv',
    handle(
      'census-export',
      async (req, { scope, today }) => {
        const period = periodOf(req.query, today, [-365, 0]);
        const rows = censusRows(await store.desk.plansIn(scope.tenantId, period), period);
        const csv = toCsv([...CENSUS_COLUMNS], rows);
        return {
          body: csv,
          audit: { period, rows: rows.length },
          send: (res) => {
            res.header('Content-Type', 'text/csv; charset=utf-8');
            res.header('Content-Disposition', `attachment; filename="cp-plans-${period.from}-to-${period.to}.csv"`);
            res.sendRaw(200, csv);
          },
        };
      },
      { unitOnly: true },
    ),
  );

  server.get(
    '/api/desk/conferences/:id/record.pdf',
    handle('record-exported', async (req, { user, scope }) => {
      const fact = await visible(String(req.params.id), scope);
      const pdf = await conferenceRecordPdf(store, fact.conferenceId, { by: user.name, at: deps.now() });
      return {
        body: undefined,
        conferenceId: fact.conferenceId,
        audit: { caseRef: fact.caseRef },
        send: (res) => {
          res.header('Content-Type', 'application/pdf');
          res.header('Content-Disposition', `attachment; filename="conference-record-${fact.conferenceId}.pdf"`);
          res.sendRaw(200, pdf);
        },
      };
    }),
  );

  server.post(
    '/api/desk/conferences/:id/minutes',
    handle('minutes-recorded', async (req, { user, scope }) => {
      const fact = await visible(String(req.params.id), scope);
      const body = MinutesBody.parse(req.body ?? {});
      if (body.sentOn && body.sentOn < fact.date) throw new Refused(400, `The minutes cannot have been sent before the conference (${fact.date}).`);
      const audit = changeEntry(user, scope, 'minutes-recorded', body, fact.conferenceId);
      const result = await store.minutes.record(fact.conferenceId, body, { userId: user.userId, name: user.name }, deps.now().toISOString(), { audit });
      await minutesDuties(store, fact.conferenceId, body, { now: deps.now(), user });
      await refreshConference(store, fact.conferenceId, scope.tenantId);
      return { body: { outcome: result.outcome }, conferenceId: fact.conferenceId, audit: body, audited: result.outcome !== 'unchanged' };
    }),
  );

  server.post(
    '/api/desk/conferences/:id/s47',
    handle(
      's47-recorded',
      async (req, { user, scope }) => {
        const fact = await visible(String(req.params.id), scope);
        const body = S47Body.parse(req.body ?? {});
        if (body.s47StartDate > fact.date) throw new Refused(400, `The section 47 enquiry must start on or before the conference (${fact.date}).`);
        const audit = changeEntry(user, scope, 's47-recorded', body, fact.conferenceId);
        const result = await store.conferences.update(fact.conferenceId, (c) => ({ ...c, s47StartDate: body.s47StartDate }), { audit: () => audit });
        await refreshConference(store, fact.conferenceId, scope.tenantId);
        return { body: { outcome: result.outcome }, conferenceId: fact.conferenceId, audit: body, audited: result.outcome === 'changed' };
      },
      { unitOnly: true },
    ),
  );
}

/** The row's bookkeeping stays on the server. */
function strip(f: ConferenceFact & { stamp?: number }): Omit<ConferenceFact, 'tenantId'> {
  const { stamp: _s, tenantId: _t, ...rest } = f;
  return rest;
}

/** The minutes recorded here also complete the chair's due items (docs/rules.md, The lifecycle). */
async function minutesDuties(store: Store, conferenceId: string, body: { sentOn?: string; amendmentsClosedOn?: string }, by: { now: Date; user: DeskUser }): Promise<void> {
  const today = localDate(by.now);
  const conference = await store.conferences.get(conferenceId);
  if (!conference) return;
  const events = [
    ...(body.sentOn ? [{ type: 'minutes-sent' as const, conference: factsOf(conference), on: body.sentOn, today }] : []),
    ...(body.amendmentsClosedOn ? [{ type: 'amendment-window-closed' as const, conference: factsOf(conference) }] : []),
  ];
  for (const event of events) {
    try {
      const at = by.now.toISOString();
      await applyToStore(store, conference.caseRef, event, conference, {
        at,
        // Stored with the step, as a Teams action's is (bot/lifecycle.ts).
        audit: (t) => ({ at, userId: by.user.userId, name: by.user.name, action: `lifecycle-${event.type}`, conferenceId, details: { caseRef: conference.caseRef, completed: t.completed.map((d) => `${d.kind} ${d.due}`), from: 'desk' } }),
      });
    } catch (e) {
      // Nothing of that kind is due (already marked, or a conference without minutes): the record stands.
      if (!(e instanceof RuleError)) throw e;
    }
  }
}
