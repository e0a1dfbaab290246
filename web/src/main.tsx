// The Child Protection Unit's desk: a Teams tab (personal scope). Signs in through Teams, asks
// the desk API who the user is, then shows the conferences, the measures and a case's history.
import { Badge, Button, FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, Title2, makeStyles, teamsLightTheme, tokens } from '@fluentui/react-components';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { DeskApi, DeskError, type Role } from './api.js';
import { CaseView } from './case.js';
import { ConferencesView } from './conferences.js';
import { MeasuresView } from './measures.js';
import { signIn } from './sign-in.js';

const useStyles = makeStyles({
  page: { padding: '16px 24px', display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '1400px', margin: '0 auto' },
  header: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' },
  nav: { display: 'flex', gap: '8px' },
  who: { marginLeft: 'auto', display: 'flex', alignItems: 'center', gap: '8px', color: tokens.colorNeutralForeground2 },
});

type View = { tab: 'conferences' } | { tab: 'measures' } | { tab: 'case'; caseRef: string };

function Desk() {
  const styles = useStyles();
  const [state, setState] = useState<{ phase: 'signing-in' } | { phase: 'refused'; message: string; title: string } | { phase: 'ready'; api: DeskApi; name: string; role: Exclude<Role, 'none'> }>({ phase: 'signing-in' });
  const [view, setView] = useState<View>({ tab: 'conferences' });

  useEffect(() => {
    (async () => {
      try {
        const api = new DeskApi(await signIn());
        const me = await api.json<{ name: string; role: Role }>('/api/desk/me');
        if (me.role === 'none') throw new DeskError(403, 'This desk is not for you.');
        setState({ phase: 'ready', api, name: me.name, role: me.role });
      } catch (e) {
        const status = e instanceof DeskError ? e.status : 0;
        setState({ phase: 'refused', title: status === 403 ? 'Nothing to show you' : status === 401 ? 'Not signed in' : 'The desk could not open', message: (e as Error).message });
      }
    })();
  }, []);

  return (
    <main className={styles.page}>
      <header className={styles.header}>
        <Title2 as="h1">Child Protection Unit desk</Title2>
        {state.phase === 'ready' && (
          <span className={styles.who}>
            <Text>{state.name}</Text>
            <Badge appearance="tint" color={state.role === 'unit' ? 'brand' : 'informative'}>
              {state.role === 'unit' ? 'Child Protection Unit: every conference' : 'Chair: your conferences'}
            </Badge>
          </span>
        )}
      </header>
      {state.phase === 'signing-in' && <Spinner label="Signing you in through Teams…" />}
      {state.phase === 'refused' && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{state.title}</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.phase === 'ready' && (
        <>
          {(state.role === 'unit' || view.tab === 'case') && (
            // Buttons rather than a TabList: the pages are separate views, and plain buttons keep
            // focus handling native (no focus guards for assistive technology to trip on).
            <nav aria-label="Desk pages" className={styles.nav}>
              <Button appearance={view.tab === 'conferences' ? 'primary' : 'subtle'} aria-current={view.tab === 'conferences' ? 'page' : undefined} onClick={() => setView({ tab: 'conferences' })}>
                Conferences
              </Button>
              {state.role === 'unit' && (
                <Button appearance={view.tab === 'measures' ? 'primary' : 'subtle'} aria-current={view.tab === 'measures' ? 'page' : undefined} onClick={() => setView({ tab: 'measures' })}>
                  Measures
                </Button>
              )}
              {view.tab === 'case' && (
                <Button appearance="primary" aria-current="page">
                  Case {view.caseRef}
                </Button>
              )}
            </nav>
          )}
          {view.tab === 'conferences' && <ConferencesView api={state.api} role={state.role} openCase={(caseRef) => setView({ tab: 'case', caseRef })} />}
          {view.tab === 'measures' && state.role === 'unit' && <MeasuresView api={state.api} />}
          {view.tab === 'case' && <CaseView api={state.api} caseRef={view.caseRef} back={() => setView({ tab: 'conferences' })} />}
        </>
      )}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FluentProvider theme={teamsLightTheme}>
      <Desk />
    </FluentProvider>
  </StrictMode>,
);
