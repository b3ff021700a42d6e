import { useEffect, useState } from 'react';

/** The width below which lists become cards and pages go single-column (styles.css uses the same). */
export const PHONE_QUERY = '(max-width: 600px)';

/** Whether a CSS media query matches, following changes (a phone turned, a window resized). */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const change = () => setMatches(list.matches);
    change();
    list.addEventListener('change', change);
    return () => list.removeEventListener('change', change);
  }, [query]);
  return matches;
}

export const usePhone = () => useMediaQuery(PHONE_QUERY);
