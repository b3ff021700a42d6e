import { useEffect, useRef, useState } from 'react';
import type { TaskSummary } from '../../../contracts/tasks';
import { apiUrl } from './api-client';

type Listener = { onTask: (task: TaskSummary) => void; onLive: (live: boolean) => void };

/** One stream for the whole page however many lists follow it; opened with the first listener, closed with the last. */
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let live = false;

function setLive(next: boolean) {
  live = next;
  listeners.forEach((listener) => listener.onLive(next));
}

function open() {
  source = new EventSource(apiUrl('/tasks/stream'), { withCredentials: true });
  // `ready` comes once the server listens: from then on no change is missed. The browser reconnects by itself.
  source.addEventListener('ready', () => setLive(true));
  source.addEventListener('error', () => setLive(false));
  source.addEventListener('task', (message) => {
    const task = JSON.parse((message as MessageEvent<string>).data) as TaskSummary;
    listeners.forEach((listener) => listener.onTask(task));
  });
}

/**
 * Follows the tasks the signed-in user may see as they are opened, claimed and closed (server-sent events).
 * Returns whether the stream is live; a list refreshes on each event, and once more when the stream comes
 * back after a break, since changes during the break were not sent.
 */
export function useTaskEvents(onTask: (task: TaskSummary) => void, onReconnect?: () => void): boolean {
  const [isLive, setIsLive] = useState(live);
  const handlers = useRef({ onTask, onReconnect });
  useEffect(() => {
    handlers.current = { onTask, onReconnect };
  });
  useEffect(() => {
    let wasLive = live;
    const listener: Listener = {
      onTask: (task) => handlers.current.onTask(task),
      onLive: (next) => {
        if (next && !wasLive) handlers.current.onReconnect?.();
        wasLive = next;
        setIsLive(next);
      },
    };
    listeners.add(listener);
    if (!source) open();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        source?.close();
        source = null;
        live = false;
      }
    };
  }, []);
  return isLive;
}
