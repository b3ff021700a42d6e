import { useI18n } from '../lib/i18n';

/** The "load more" button under a keyset-paged list. */
export function LoadMoreButton({ hasMore, loading, onLoadMore }: { hasMore: boolean; loading: boolean; onLoadMore: () => void }) {
  const { t } = useI18n();
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <button type="button" className="button-secondary" onClick={onLoadMore} disabled={loading} data-testid="load-more">
        {loading ? t('common.loading') : t('common.loadMore')}
      </button>
    </div>
  );
}
