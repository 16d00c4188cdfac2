import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Lazily loaded pages and extensions can take more than the default second to
// render when CI runs two jest workers on a loaded machine.
configure({ asyncUtilTimeout: 10_000 });

// recharts' ResponsiveContainer observes its size; jsdom has no ResizeObserver.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= ResizeObserverStub;
