// The desk's API as the page calls it: every request carries the Teams SSO token; a refusal's
// message comes back as it is, for the page to show.
export class DeskError extends Error {
  constructor(readonly status: number, message: string, readonly role?: string) {
    super(message);
  }
}

export type Role = 'unit' | 'chair' | 'none';

export interface Duty {
  what: 'conference' | 'chair-decision' | 'circulation' | 'minutes' | 'amendments';
  due: string;
  state: 'due' | 'late' | 'done' | 'done-late';
  workingDaysLeft: number;
  doneOn?: string;
}

export interface Conference {
  conferenceId: string;
  caseRef: string;
  childInitials: string;
  kind: string;
  policy: string;
  chairId: string;
  chairName: string;
  status: string;
  date: string;
  time: string;
  triggerDate: string;
  s47StartDate?: string;
  dueBy: string;
  invited: number;
  answered: number;
  attending: number;
  apologies: number;
  reports: number;
  deputies: number;
  forecastQuorate: boolean;
  forecastMissing: string[];
  quoracyBreach: boolean;
  outcome?: string;
  split: boolean;
  awaitingChair?: string;
  category?: string;
  duties: Duty[];
}

export interface Ratio {
  met: number;
  of: number;
  excluded: number;
  percent: number | null;
}
export interface Measure {
  id: string;
  title: string;
  definition: string;
  source: string;
  value: Ratio | Record<string, number>;
}
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
