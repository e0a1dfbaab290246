// A case's history on one page: its conferences, its plans and what is due.
import { Button, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Conference, DeskApi } from './api.js';
import { ConferenceTable } from './conference-table.js';
import { day } from './labels.js';

interface Plan {
  startDate: string;
  endDate?: string;
  initialCategory: string[];
  latestCategory: string[];
  previousPlans: number;
  reviewDates: string[];
}
interface Due {
  kind: string;
  due: string;
  done: boolean;
}

export function CaseView({ api, caseRef, back }: { api: DeskApi; caseRef: string; back: () => void }) {
  const [answer, setAnswer] = useState<{ conferences: Conference[]; plans: Plan[]; due: Due[] } | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    api.json<typeof answer>(`/api/desk/cases/${encodeURIComponent(caseRef)}`).then(setAnswer, (e: Error) => setError(e.message));
  }, [api, caseRef]);
  if (error) return <MessageBar intent="error" role="alert"><MessageBarBody>{error}</MessageBarBody></MessageBar>;
  if (!answer) return <Spinner label={`Loading case ${caseRef}…`} />;
  return (
    <section aria-label={`Case ${caseRef}`}>
      <Button onClick={back}>Back to conferences</Button>
      <Title3 as="h2">Conferences of case {caseRef}</Title3>
      <ConferenceTable api={api} rows={answer.conferences} caption={`Conferences of case ${caseRef}`} />
      <Title3 as="h2">Child protection plans</Title3>
      {answer.plans.length === 0 ? (
        <Text>None.</Text>
      ) : (
        <Table aria-label="Plans" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Started</TableHeaderCell>
              <TableHeaderCell>Ended</TableHeaderCell>
              <TableHeaderCell>Initial category</TableHeaderCell>
              <TableHeaderCell>Latest category</TableHeaderCell>
              <TableHeaderCell>Previous plans</TableHeaderCell>
              <TableHeaderCell>Reviews</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {answer.plans.map((p) => (
              <TableRow key={p.startDate}>
                <TableCell>{day(p.startDate)}</TableCell>
                <TableCell>{p.endDate ? day(p.endDate) : 'Open'}</TableCell>
                <TableCell>{p.initialCategory.join(', ')}</TableCell>
                <TableCell>{p.latestCategory.join(', ')}</TableCell>
                <TableCell>{p.previousPlans}</TableCell>
                <TableCell>{p.reviewDates.map(day).join(', ') || 'None yet'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Title3 as="h2">Due</Title3>
      <Table aria-label="Due items" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Due</TableHeaderCell>
            <TableHeaderCell>What</TableHeaderCell>
            <TableHeaderCell>Done</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {answer.due.map((d) => (
            <TableRow key={`${d.due}-${d.kind}`}>
              <TableCell>{day(d.due)}</TableCell>
              <TableCell>{d.kind.replace(/-/g, ' ')}</TableCell>
              <TableCell>{d.done ? 'Done' : 'Not yet'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
