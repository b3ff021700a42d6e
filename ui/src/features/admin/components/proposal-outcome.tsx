import { Link } from 'react-router';
import { ApiError } from '../../../lib/api-client';
import { ErrorBanner } from '../../../components/error-banner';
import { useAdminText } from '../text';

/** After a submit: the change went into review (with a link to it), or why not, field by field. */
export function ProposalOutcome({ submitted, error, changeLink }: { submitted: string | null; error: unknown; changeLink: (changeId: string) => string }) {
  const text = useAdminText();
  const fieldMessages = error instanceof ApiError ? error.errors.map((problem) => problem.message) : [];
  return (
    <>
      <ErrorBanner error={error} unclaimedFieldErrors={fieldMessages} />
      {submitted && !error && (
        <p className="banner banner-info" role="status" data-testid="change-submitted">
          {text('submitted')} · <Link to={changeLink(submitted)}>{text('viewChange')}</Link>
        </p>
      )}
    </>
  );
}
