// The conferences page: what needs attention now (overdue, late, awaiting the chair), what is
// coming, and what was held, with filters by date, chair, kind and policy.
import { Field, Input, Select, Spinner, Text, Title3, makeStyles, MessageBar, MessageBarBody, Card } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Conference, DeskApi } from './api.js';
import { ConferenceTable } from './conference-table.js';
import { KIND, POLICY } from './labels.js';

const useStyles = makeStyles({
  filters: { display: 'flex', gap: '12px', flexWrap: 'wrap', alignItems: 'end' },
  summary: { display: 'flex', gap: '12px', flexWrap: 'wrap' },
  tile: { minWidth: '170px', padding: '12px' },
  section: { display: 'flex', flexDirection: 'column', gap: '6px', marginTop: '8px' },
});

interface Answer {
  today: string;
  period: { from: string; to: string };
  conferences: Conference[];
  chairs: { id: string; name: string }[];
}

const notHeld = (c: Conference) => c.status === 'scheduled' || c.status === 'in-progress';
/** Late, awaiting the chair, or booked after its statutory date. */
const needsAttention = (c: Conference) => c.duties.some((d) => d.state === 'late') || c.awaitingChair !== undefined || (notHeld(c) && c.date > c.dueBy);

export function ConferencesView({ api, role, openCase }: { api: DeskApi; role: 'unit' | 'chair'; openCase: (caseRef: string) => void }) {
  const styles = useStyles();
  const [filters, setFilters] = useState({ from: '', to: '', chair: '', kind: '', policy: '' });
  const [answer, setAnswer] = useState<Answer | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    setError(undefined);
    api
      .json<Answer>(`/api/desk/conferences?${q}`)
      .then((a) => {
        setAnswer(a);
        if (!filters.from) setFilters((f) => ({ ...f, from: a.period.from, to: a.period.to }));
      })
      .catch((e: Error) => setError(e.message));
  }, [api, filters]);

  if (error) return <MessageBar intent="error" role="alert"><MessageBarBody>{error}</MessageBarBody></MessageBar>;
  if (!answer) return <Spinner label="Loading conferences…" />;
  const list = answer.conferences;
  const attention = list.filter(needsAttention);
  const upcoming = list.filter((c) => !needsAttention(c) && notHeld(c));
  const held = list.filter((c) => !needsAttention(c) && !notHeld(c));
  const set = (k: keyof typeof filters) => (_e: unknown, d: { value: string }) => setFilters((f) => ({ ...f, [k]: d.value }));

  return (
    <section aria-label="Conferences">
      <div className={styles.filters} role="search" aria-label="Filter conferences">
        <Field label="From">
          <Input type="date" value={filters.from} onChange={set('from')} />
        </Field>
        <Field label="To">
          <Input type="date" value={filters.to} onChange={set('to')} />
        </Field>
        {role === 'unit' && (
          <Field label="Chair">
            <Select value={filters.chair} onChange={set('chair')}>
              <option value="">All chairs</option>
              {answer.chairs.map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </Select>
          </Field>
        )}
        <Field label="Kind">
          <Select value={filters.kind} onChange={set('kind')}>
            <option value="">All kinds</option>
            {Object.entries(KIND).map(([k, v]) => (
              <option key={k} value={k}>{v}</option>
            ))}
          </Select>
        </Field>
        <Field label="Policy">
          <Select value={filters.policy} onChange={set('policy')}>
            <option value="">All areas</option>
            {Object.entries(POLICY).map(([k, v]) => (
              <option key={k} value={k}>{v}</option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={styles.summary} aria-label="Summary">
        {[
          ['Need attention', attention.length],
          ['Upcoming', upcoming.length],
          ['Held', held.length],
          ['Forecast not quorate', upcoming.filter((c) => !c.forecastQuorate).length],
        ].map(([label, n]) => (
          <Card key={label} className={styles.tile}>
            <Text weight="semibold" size={600}>{n}</Text>
            <Text>{label}</Text>
          </Card>
        ))}
      </div>
      <div className={styles.section}>
        <Title3 as="h2">Need attention: overdue, late or awaiting the chair</Title3>
        <ConferenceTable api={api} rows={attention} caption="Conferences that need attention" openCase={openCase} />
      </div>
      <div className={styles.section}>
        <Title3 as="h2">Upcoming</Title3>
        <ConferenceTable api={api} rows={upcoming} caption="Upcoming conferences" openCase={openCase} />
      </div>
      <div className={styles.section}>
        <Title3 as="h2">Held</Title3>
        <ConferenceTable api={api} rows={held} caption="Conferences held" openCase={openCase} />
      </div>
    </section>
  );
}
