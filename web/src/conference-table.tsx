// One table of conferences: the statutory clock, RSVPs and forecast quoracy, what is owed, and
// the record for the child's file. Status is always said in words (never colour alone).
import { Badge, Button, Link, ProgressBar, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles } from '@fluentui/react-components';
import type { Conference, DeskApi, Duty } from './api.js';
import { AWAITING, DUTY, KIND, OUTCOME, POLICY, day, workingDays } from './labels.js';

const useStyles = makeStyles({
  badges: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '4px', minWidth: '180px' },
  // Badges hold a sentence here ("Minutes: late since 8 Jun 2026"): let it wrap.
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', paddingBlock: '2px', textAlign: 'start' },
  rsvp: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: '110px' },
});

export function clockText(c: Conference): string {
  const conf = c.duties.find((d) => d.what === 'conference')!;
  if (conf.doneOn) return `Held ${day(conf.doneOn)} — due ${day(c.dueBy)}${conf.state === 'done-late' ? ' (late)' : ''}`;
  if (conf.state === 'late') return `Due ${day(c.dueBy)} — ${workingDays(conf.workingDaysLeft)} overdue`;
  return `Due ${day(c.dueBy)} — ${workingDays(conf.workingDaysLeft)} left${c.date > c.dueBy ? '; booked after it' : ''}`;
}

function dutyBadge(d: Duty, className: string) {
  const color = d.state === 'late' ? 'danger' : d.state === 'done-late' ? 'warning' : d.state === 'due' ? 'informative' : 'success';
  const words = d.state === 'late' ? `late since ${day(d.due)}` : d.state === 'due' ? `due ${day(d.due)}` : d.state === 'done-late' ? `done late ${day(d.doneOn!)}` : `done ${day(d.doneOn!)}`;
  return (
    <Badge key={d.what} appearance="tint" color={color} shape="rounded" className={className}>
      {DUTY[d.what]}: {words}
    </Badge>
  );
}

export function ConferenceTable({ api, rows, caption, openCase }: { api: DeskApi; rows: Conference[]; caption: string; openCase?: (caseRef: string) => void }) {
  const styles = useStyles();
  if (rows.length === 0) return <Text>None.</Text>;
  return (
    <Table aria-label={caption} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Date</TableHeaderCell>
          <TableHeaderCell>Case</TableHeaderCell>
          <TableHeaderCell>Conference</TableHeaderCell>
          <TableHeaderCell>Chair</TableHeaderCell>
          <TableHeaderCell>Statutory clock</TableHeaderCell>
          <TableHeaderCell>Answers</TableHeaderCell>
          <TableHeaderCell>Forecast quoracy</TableHeaderCell>
          <TableHeaderCell>Decision and duties</TableHeaderCell>
          <TableHeaderCell>Record</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((c) => (
          <TableRow key={c.conferenceId}>
            <TableCell>
              {day(c.date)} {c.time}
            </TableCell>
            <TableCell>
              {openCase ? (
                <Link as="button" onClick={() => openCase(c.caseRef)} aria-label={`Case ${c.caseRef} history`}>
                  {c.caseRef}
                </Link>
              ) : (
                c.caseRef
              )}{' '}
              ({c.childInitials})
            </TableCell>
            <TableCell>
              {KIND[c.kind] ?? c.kind}, {POLICY[c.policy] ?? c.policy}
            </TableCell>
            <TableCell>{c.chairName}</TableCell>
            <TableCell>{clockText(c)}</TableCell>
            <TableCell>
              <div className={styles.rsvp}>
                <Text size={200}>
                  {c.answered} of {c.invited} answered
                </Text>
                <ProgressBar value={c.invited === 0 ? 0 : c.answered / c.invited} thickness="medium" aria-label={`${c.answered} of ${c.invited} answered`} />
                <Text size={200}>
                  {c.attending} attending, {c.apologies} apologies, {c.reports} reports, {c.deputies} deputies
                </Text>
              </div>
            </TableCell>
            <TableCell>
              {c.forecastQuorate ? (
                <Badge appearance="tint" color="success">Quorate</Badge>
              ) : (
                <Badge appearance="tint" color="danger" title={c.forecastMissing.join('; ')}>
                  Not quorate
                </Badge>
              )}
              {!c.forecastQuorate && c.forecastMissing.length > 0 && <Text size={200} block>{c.forecastMissing.join('; ')}</Text>}
            </TableCell>
            <TableCell>
              <div className={styles.badges}>
                {c.outcome && <Text size={200}>{OUTCOME[c.outcome] ?? c.outcome}{c.split ? ' (split vote)' : ''}{c.quoracyBreach ? ', held without quoracy' : ''}</Text>}
                {c.awaitingChair && <Badge appearance="tint" color="warning" className={styles.badge}>Awaiting the chair: {AWAITING[c.awaitingChair]}</Badge>}
                {c.duties.filter((d) => d.what !== 'conference').map((d) => dutyBadge(d, styles.badge))}
              </div>
            </TableCell>
            <TableCell>
              <Button size="small" onClick={() => void api.download(`/api/desk/conferences/${encodeURIComponent(c.conferenceId)}/record.pdf`)} aria-label={`Conference record PDF for ${c.caseRef} on ${day(c.date)}`}>
                PDF
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
