import { useEffect, useRef, useState } from 'react';
import type { BallotChoice, Participation, Vote } from '../../../../../contracts/governance';
import { ErrorBanner } from '../../../components/error-banner';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { castBallot, getParticipation, listVotes, recordProxy } from '../api/votes-api';

/** Live figures refresh this often while a vote is open. */
const PARTICIPATION_POLL_MS = 3_000;

type Text = (zh: string, en: string) => string;

const CHOICES: { choice: BallotChoice; zh: string; en: string }[] = [
  { choice: 'for', zh: '同意', en: 'For' },
  { choice: 'against', zh: '反对', en: 'Against' },
  { choice: 'abstain', zh: '弃权', en: 'Abstain' },
];

/** A ballot about to be cast: the choice, and for whom when cast as a proxy. */
interface PendingBallot {
  choice: BallotChoice;
  onBehalfOf?: { voterId: string; label: string };
}

/**
 * Asks before a ballot is cast: it cannot be changed afterwards (P2.1c). The dialog states the choice in words and
 * both answers weigh the same; Esc or 返回 goes back without casting.
 */
function ConfirmBallot({ pending, busy, error, onConfirm, onCancel, choiceLabel, text }: {
  pending: PendingBallot;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
  choiceLabel: (choice: string) => string;
  text: Text;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const choice = choiceLabel(pending.choice);
  return (
    <dialog ref={dialog} className="ballot-confirm" data-testid="confirm-ballot" data-choice={pending.choice} aria-labelledby="ballot-confirm-question" onCancel={onCancel}>
      <p id="ballot-confirm-question">
        {pending.onBehalfOf
          ? text(`代 ${pending.onBehalfOf.label} 投「${choice}」票？`, `Vote "${choice}" for ${pending.onBehalfOf.label}?`)
          : text(`确认投「${choice}」票？`, `Vote "${choice}"?`)}
      </p>
      <small className="muted">{text('投出后不能更改。', 'A ballot cannot be changed once cast.')}</small>
      <ErrorBanner error={error} />
      <div className="vote-actions">
        <button type="button" className="button button-secondary" disabled={busy} onClick={onCancel} data-testid="cancel-ballot">
          {text('返回', 'Go back')}
        </button>
        <button type="button" className="button button-secondary" disabled={busy} onClick={onConfirm} data-testid="cast-ballot">
          {text(`确认投「${choice}」`, `Cast "${choice}"`)}
        </button>
      </div>
    </dialog>
  );
}

const area = (hundredths: number | null) => (hundredths === null ? '—' : (hundredths / 100).toFixed(2));

function ParticipationBars({ participation, text }: { participation: Participation; text: Text }) {
  const bar = (label: string, percent: number | null, reached: boolean, testId: string, detail: string) => (
    <div className="participation-bar" data-testid={testId} data-percent={percent ?? 0}>
      <div className="participation-label">
        <span>{label}</span>
        <span>
          {percent ?? 0}% · {detail} {reached ? '✓' : ''}
        </span>
      </div>
      <div className="participation-track" aria-hidden="true">
        <div className="participation-fill" style={{ width: `${Math.min(100, percent ?? 0)}%` }} />
        <div className="participation-quorum" style={{ left: '66.67%' }} />
      </div>
    </div>
  );
  return (
    <div className="participation">
      {bar(
        text('参与面积', 'Area taking part'),
        participation.areaPercent,
        participation.quorum.area,
        'participation-area',
        `${area(participation.area)} / ${area(participation.rollArea)} m²`,
      )}
      {bar(
        text('参与人数', 'Owners taking part'),
        participation.headsPercent,
        participation.quorum.heads,
        'participation-heads',
        `${participation.heads} / ${participation.rollHeads ?? '—'}`,
      )}
      <small className="muted">{text('法定参与：面积与人数均不少于三分之二', 'Quorum: at least 2/3 of the area and of the owners')}</small>
    </div>
  );
}

function VoteCard({ vote, onChanged, text }: { vote: Vote; onChanged: () => void; text: Text }) {
  const { formatDateTime } = useI18n();
  const [participation, setParticipation] = useState(vote.participation);
  const { error, busy, run } = useAction();
  const [proxyName, setProxyName] = useState('');
  const [pending, setPending] = useState<PendingBallot | null>(null);
  const open = vote.status === 'open';

  useEffect(() => setParticipation(vote.participation), [vote.participation]);
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      getParticipation(vote.voteId, controller.signal).then(setParticipation, () => undefined);
    }, PARTICIPATION_POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [open, vote.voteId]);

  const act = (action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      onChanged();
    });

  const choiceLabel = (choice: string) => {
    const found = CHOICES.find((c) => c.choice === choice);
    return found ? text(found.zh, found.en) : choice;
  };
  const me = vote.me;
  const outcome = vote.result?.outcome;

  return (
    <li className="card vote-card" data-testid="vote-card" data-vote-id={vote.voteId} data-status={vote.status}>
      <strong>{vote.title}</strong>
      <p className="prewrap">{vote.description}</p>
      <small className="muted">
        {text(`民法典第278条第${vote.item}项`, `Civil Code art. 278 item ${vote.item}`)} ·{' '}
        {vote.item >= 6 && vote.item <= 8 ? text('需四分之三同意', 'needs 3/4 for') : text('需过半数同意', 'needs more than 1/2 for')}
      </small>
      <p>
        {vote.status === 'notice'
          ? text(`投票开始：${formatDateTime(vote.opensAt)}`, `Voting opens ${formatDateTime(vote.opensAt)}`)
          : text(`投票截止：${formatDateTime(vote.closesAt)}`, `Voting closes ${formatDateTime(vote.closesAt)}`)}
      </p>
      {vote.status !== 'notice' && <ParticipationBars participation={participation} text={text} />}
      <ErrorBanner error={error} />
      {me?.ballot && (
        <p className="banner banner-info" data-testid="my-ballot" data-choice={me.ballot.choice}>
          {text('已投票：', 'Your ballot: ')}
          {choiceLabel(me.ballot.choice)}
          {me.ballot.proxyName ? text(`（代理人 ${me.ballot.proxyName}）`, ` (by proxy ${me.ballot.proxyName})`) : ''}
        </p>
      )}
      {open && me?.voterId && !me.ballot && (
        <div className="vote-actions">
          {/* Every choice looks the same: none is suggested. */}
          {CHOICES.map(({ choice, zh, en }) => (
            <button key={choice} type="button" className="button button-secondary" disabled={busy} data-testid={`vote-${choice}`} onClick={() => setPending({ choice })}>
              {text(zh, en)}
            </button>
          ))}
        </div>
      )}
      {open && me?.voterId && !me.ballot && !me.proxy && (
        <form
          className="proxy-form"
          onSubmit={(event) => {
            event.preventDefault();
            void act(() => recordProxy(vote.voteId, { proxyName }));
          }}
        >
          <label>
            {text('委托他人投票（姓名）', 'Appoint a proxy (name)')}
            <input name="proxyName" value={proxyName} onChange={(event) => setProxyName(event.target.value)} />
          </label>
          <button type="submit" className="button button-secondary" disabled={busy || proxyName.trim().length < 2}>
            {text('登记委托', 'Record proxy')}
          </button>
        </form>
      )}
      {me?.proxy && !me.ballot && <p className="muted">{text(`已委托：${me.proxy.proxyName}`, `Proxy recorded: ${me.proxy.proxyName}`)}</p>}
      {open &&
        me?.proxyFor
          .filter((held) => !held.voted)
          .map((held) => (
            <div key={held.voterId} className="vote-actions" data-testid="proxy-ballot">
              <span>{text(`代 ${held.label} 投票`, `As proxy for ${held.label}`)}</span>
              {CHOICES.map(({ choice, zh, en }) => (
                <button
                  key={choice}
                  type="button"
                  className="button button-secondary"
                  disabled={busy}
                  onClick={() => setPending({ choice, onBehalfOf: { voterId: held.voterId, label: held.label } })}
                >
                  {text(zh, en)}
                </button>
              ))}
            </div>
          ))}
      {pending && (
        <ConfirmBallot
          pending={pending}
          busy={busy}
          error={error}
          choiceLabel={choiceLabel}
          text={text}
          onCancel={() => setPending(null)}
          onConfirm={() =>
            void act(async () => {
              await castBallot(vote.voteId, pending.choice, pending.onBehalfOf?.voterId);
              setPending(null);
            })
          }
        />
      )}
      {outcome && (
        <p className="banner banner-info" data-testid="vote-result" data-outcome={outcome}>
          {outcome === 'passed' ? text('表决通过', 'Passed') : outcome === 'rejected' ? text('未通过', 'Not passed') : text('参与不足法定人数', 'No quorum')}
          {vote.objectionEndsAt && vote.status === 'objection-period'
            ? text(`；异议期至 ${formatDateTime(vote.objectionEndsAt)}`, `; objections until ${formatDateTime(vote.objectionEndsAt)}`)
            : ''}
        </p>
      )}
    </li>
  );
}

/** The owner portal's votes (P2.1c): notices, one ballot per owner, live participation, results. Phone-sized first. */
export function OwnerVotesPage() {
  const { language } = useI18n();
  const text: Text = (zh, en) => (language === 'en' ? en : zh);
  const votes = useApiResource((signal) => listVotes(signal), []);
  return (
    <section className="narrow-page owner-votes">
      <header className="page-header">
        <h1>{text('业主大会表决', "Owners' votes")}</h1>
      </header>
      <ErrorBanner error={votes.error} />
      {votes.loading && !votes.data && <Loading />}
      <ul className="card-list">
        {votes.data?.map((vote) => (
          <VoteCard key={vote.voteId} vote={vote} onChanged={votes.reload} text={text} />
        ))}
      </ul>
      {votes.data && votes.data.length === 0 && <p className="empty">{text('暂无表决', 'No votes')}</p>}
    </section>
  );
}
