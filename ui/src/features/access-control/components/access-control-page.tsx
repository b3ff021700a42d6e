import { useSearchParams } from 'react-router';
import { can } from '../../../../../contracts/permissions';
import { useCurrentUser } from '../../../lib/session';
import { useAccessText } from '../messages';
import { DeletionLogPanel } from './deletion-log-panel';
import { PeoplePanel } from './people-panel';
import { PlatesPanel } from './plates-panel';
import { VisitorPassesPanel } from './visitor-passes-panel';

const TABS = ['people', 'passes', 'deletions', 'plates'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL = { people: 'tabPeople', passes: 'tabPasses', deletions: 'tabDeletions', plates: 'tabPlates' } as const;

/** Access control (P4.2b): people and credentials with consent status, visitor passes, the face-deletion log. */
export function AccessControlPage({ processInstanceLink }: { processInstanceLink: (workflowId: string) => string }) {
  const text = useAccessText();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  // The deletion log and the plate list are staff's and auditors'; owners see their own people and passes.
  const tabs = TABS.filter((tab) => (tab !== 'deletions' && tab !== 'plates') || can(user, 'access.records.read'));
  const tab: Tab = tabs.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'people';

  return (
    <section data-testid="access-control-page">
      <header className="page-header">
        <h1>{text('title')}</h1>
      </header>
      <p className="muted">{text('intro')}</p>
      <nav className="filters" role="tablist">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'button button-primary' : 'button button-secondary'}
            onClick={() => setParams({ tab: name })}
            data-testid={`access-tab-${name}`}
          >
            {text(TAB_LABEL[name])}
          </button>
        ))}
      </nav>
      {tab === 'people' && <PeoplePanel processInstanceLink={processInstanceLink} />}
      {tab === 'passes' && <VisitorPassesPanel processInstanceLink={processInstanceLink} />}
      {tab === 'deletions' && <DeletionLogPanel processInstanceLink={processInstanceLink} />}
      {tab === 'plates' && <PlatesPanel />}
    </section>
  );
}
