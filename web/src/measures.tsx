// The measures for a chosen period, each with how it is counted; timeliness by month as a chart
// (Chart.js) with the same figures as a table beside it; the census CSV.
import { Button, Card, CardHeader, Field, Input, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, makeStyles } from '@fluentui/react-components';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Title, Tooltip } from 'chart.js';
import { useEffect, useRef, useState } from 'react';
import type { DeskApi, Measure, MonthRow, Ratio } from './api.js';
import { addDays, month } from './labels.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title, Tooltip);

const useStyles = makeStyles({
  filters: { display: 'flex', gap: '12px', flexWrap: 'wrap', alignItems: 'end' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: '12px' },
  chart: { position: 'relative', height: '280px', maxWidth: '900px' },
  figure: { fontSize: '28px', fontWeight: 600 },
});

const isRatio = (v: Measure['value']): v is Ratio => 'met' in v && 'of' in v;

function TimelinessChart({ rows }: { rows: MonthRow[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const pct = (a: number, b: number) => (b === 0 ? null : Math.round((1000 * a) / b) / 10);
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: rows.map((r) => month(r.month)),
        datasets: [
          { label: 'From the S47 enquiry (national)', data: rows.map((r) => pct(r.withinS47, r.withS47)), backgroundColor: '#5B5FC7' },
          { label: 'From the strategy discussion (local)', data: rows.map((r) => pct(r.withinStrategy, r.held)), backgroundColor: '#C4314B' },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min: 0, max: 100, title: { display: true, text: '% within 15 working days' } } },
        plugins: { title: { display: true, text: 'Initial conferences within 15 working days, by month' } },
      },
    });
    return () => chart.destroy();
  }, [rows]);
  const summary = rows.map((r) => `${month(r.month)}: ${r.withinS47} of ${r.withS47} from S47, ${r.withinStrategy} of ${r.held} from strategy`).join('; ');
  return <canvas ref={canvas} role="img" aria-label={`Bar chart of initial conferences within 15 working days by month. ${summary}`} />;
}

export function MeasuresView({ api }: { api: DeskApi }) {
  const styles = useStyles();
  const [period, setPeriod] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [answer, setAnswer] = useState<{ period: { from: string; to: string }; measures: Measure[]; byMonth: MonthRow[] } | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const q = new URLSearchParams(Object.entries(period).filter(([, v]) => v));
    setError(undefined);
    api
      .json<NonNullable<typeof answer>>(`/api/desk/measures?${q}`)
      .then((a) => {
        setAnswer(a);
        if (!period.from) setPeriod(a.period);
      })
      .catch((e: Error) => setError(e.message));
  }, [api, period]);

  return (
    <section aria-label="Measures">
      <div className={styles.filters}>
        <Field label="Period from">
          <Input type="date" value={period.from} onChange={(_e, d) => setPeriod((p) => ({ ...p, from: d.value }))} />
        </Field>
        <Field label="Period to">
          <Input type="date" value={period.to} max={answer ? addDays(answer.period.from, 3 * 366) : undefined} onChange={(_e, d) => setPeriod((p) => ({ ...p, to: d.value }))} />
        </Field>
        <Button appearance="primary" disabled={!answer} onClick={() => void api.download(`/api/desk/plans.csv?from=${period.from}&to=${period.to}`)}>
          Download census CSV (children on plans)
        </Button>
      </div>
      {error && <MessageBar intent="error" role="alert"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      {!answer && !error && <Spinner label="Working out the measures…" />}
      {answer && (
        <>
          <Title3 as="h2">Timeliness by month</Title3>
          <div className={styles.chart}>
            <TimelinessChart rows={answer.byMonth} />
          </div>
          <Table aria-label="Initial conferences within 15 working days, by month" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Month</TableHeaderCell>
                <TableHeaderCell>Held</TableHeaderCell>
                <TableHeaderCell>Within 15 working days of the S47 start</TableHeaderCell>
                <TableHeaderCell>Within 15 working days of the strategy discussion</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {answer.byMonth.map((r) => (
                <TableRow key={r.month}>
                  <TableCell>{month(r.month)}</TableCell>
                  <TableCell>{r.held}</TableCell>
                  <TableCell>{r.withinS47} of {r.withS47} with a recorded start</TableCell>
                  <TableCell>{r.withinStrategy} of {r.held}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Title3 as="h2">Measures</Title3>
          <div className={styles.grid}>
            {answer.measures.map((m) => (
              <Card key={m.id} aria-labelledby={`m-${m.id}`}>
                <CardHeader header={<Text weight="semibold" as="h3" id={`m-${m.id}`}>{m.title}</Text>} />
                {isRatio(m.value) ? (
                  <Text>
                    <span className={styles.figure}>{m.value.percent === null ? '—' : `${m.value.percent}%`}</span> {m.value.met} of {m.value.of}
                    {m.value.excluded ? `, ${m.value.excluded} left out` : ''}
                  </Text>
                ) : (
                  <Text>{Object.entries(m.value).map(([k, v]) => `${k} ${v}`).join(' · ')}</Text>
                )}
                <Text size={200}>{m.definition}</Text>
                <Text size={200} italic>Source: {m.source}</Text>
              </Card>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
