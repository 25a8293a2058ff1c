//! Work on many items on all cores, with the results handed back in the items' order and only
//! a bounded number of them held at once.
//!
//! Each thread of the rayon pool takes the next item as soon as it is done with one: no thread
//! waits for the others at the end of a batch, as a `par_iter` per batch makes it. A thread
//! waits only when its next item would make more than `window` results held, finished or
//! being handed on, which bounds them however many items there are. The consumer is woken
//! once per run of finished results, not once per result: on a machine with as many cores as
//! workers, each wake-up takes a core from them.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// The finished results not yet taken by the consumer.
struct Waiting<R> {
    /// The index of the first result not yet taken.
    base: usize,
    /// Results by their index less `base`; `None` while still being worked on.
    slots: VecDeque<Option<R>>,
    /// How many slots from the front are filled.
    ready: usize,
}

struct Shared<R> {
    len: usize,
    /// How far past the first result not yet taken a worker may start an item.
    ahead: usize,
    /// How many results in a row wake the consumer (fewer at the end), and the most it takes
    /// at once. `ahead + run` is the window: the most results held at once, waiting or taken
    /// and not yet handed on.
    run: usize,
    waiting: Mutex<Waiting<R>>,
    /// The consumer waits on this for a run of results.
    filled: Condvar,
    /// Workers wait on this for the window to move.
    moved: Condvar,
    /// The consumer has stopped (it failed), or a worker panicked: start no more items.
    stopped: AtomicBool,
}

impl<R> Shared<R> {
    fn lock(&self) -> MutexGuard<'_, Waiting<R>> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until item `i` may start; false once the run has stopped.
    fn wait_for(&self, i: usize) -> bool {
        let mut waiting = self.lock();
        while i >= waiting.base.saturating_add(self.ahead) && !self.stopped() {
            waiting = self.moved.wait(waiting).unwrap_or_else(|e| e.into_inner());
        }
        !self.stopped()
    }

    fn stopped(&self) -> bool {
        self.stopped.load(Ordering::Acquire)
    }

    /// Whether the consumer has a run to take: `run` results, or all that are left.
    fn has_run(&self, waiting: &Waiting<R>) -> bool {
        waiting.ready >= self.run.min(self.len - waiting.base)
    }

    fn put(&self, i: usize, result: R) {
        let mut waiting = self.lock();
        let slot = i - waiting.base;
        if waiting.slots.len() <= slot {
            waiting.slots.resize_with(slot + 1, || None);
        }
        waiting.slots[slot] = Some(result);
        let had_run = self.has_run(&waiting);
        while waiting
            .slots
            .get(waiting.ready)
            .is_some_and(Option::is_some)
        {
            waiting.ready += 1;
        }
        if !had_run && self.has_run(&waiting) {
            self.filled.notify_one();
        }
    }

    /// Waits for a run of results and takes it; `None` once the run has stopped or all is
    /// taken.
    fn take_run(&self) -> Option<(usize, Vec<R>)> {
        let mut waiting = self.lock();
        while waiting.base < self.len && !self.has_run(&waiting) && !self.stopped() {
            waiting = self.filled.wait(waiting).unwrap_or_else(|e| e.into_inner());
        }
        if waiting.base == self.len || self.stopped() {
            return None;
        }
        let from = waiting.base;
        let taken = waiting.ready.min(self.run);
        let run: Vec<R> = waiting.slots.drain(..taken).flatten().collect();
        waiting.base += taken;
        waiting.ready -= taken;
        drop(waiting);
        self.moved.notify_all();
        Some((from, run))
    }

    fn stop(&self) {
        self.stopped.store(true, Ordering::Release);
        // Under the lock, so no thread is between its test and its wait.
        let _waiting = self.lock();
        self.moved.notify_all();
        self.filled.notify_all();
    }
}

/// Stops the workers however the consumer leaves: an error, or a panic in `each`.
struct StopOnDrop<'a, R>(&'a Shared<R>);

impl<R> Drop for StopOnDrop<'_, R> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// Stops the run when `work` panics: else the consumer and the workers would wait for ever
/// for the failed item, and the panic would never reach the caller.
struct StopOnPanic<'a, R>(&'a Shared<R>);

impl<R> Drop for StopOnPanic<'_, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// Runs `work` on every item on the current rayon pool and hands each result to `each` in the
/// items' order, with at most `window` results held at once (two at least). The first error
/// `each` returns stops the run: no new item is started, and the error is returned. `each`
/// runs on the calling thread, which is best not one of the pool's.
pub fn for_each_ordered<T, R, E>(
    items: &[T],
    window: usize,
    work: impl Fn(&T) -> R + Sync + Send,
    each: impl FnMut(&T, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    rayon::in_place_scope(|scope| ordered_in(scope, items, window, work, each))
}

/// `for_each_ordered` with the workers spawned on `scope`'s pool.
fn ordered_in<'s, T, R, E>(
    scope: &rayon::Scope<'s>,
    items: &'s [T],
    window: usize,
    work: impl Fn(&T) -> R + Sync + Send + 's,
    mut each: impl FnMut(&T, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send + 's,
{
    // Two at least: one result taken, one being worked on.
    let window = window.max(2);
    let run = window.div_ceil(4);
    let shared = std::sync::Arc::new(Shared {
        len: items.len(),
        ahead: window - run,
        run,
        waiting: Mutex::new(Waiting {
            base: 0,
            slots: VecDeque::with_capacity(window),
            ready: 0,
        }),
        filled: Condvar::new(),
        moved: Condvar::new(),
        stopped: AtomicBool::new(false),
    });
    let next = AtomicUsize::new(0);
    let workers = shared.clone();
    // One worker a thread, each taking the next item when done with one.
    scope.spawn_broadcast(move |_, _| {
        let _stop = StopOnPanic(&*workers);
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            if !workers.wait_for(i) {
                break;
            }
            workers.put(i, work(item));
        }
    });
    let _stop = StopOnDrop(&*shared);
    // A panicked worker stops the run too; the scope then passes its panic on.
    while let Some((from, run)) = shared.take_run() {
        for (item, result) in items[from..].iter().zip(run) {
            each(item, result)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// `for_each_ordered` on a pool of `threads`, called from outside the pool as the CLI
    /// calls it.
    fn on_pool<T: Sync, R: Send, E>(
        threads: usize,
        items: &[T],
        window: usize,
        work: impl Fn(&T) -> R + Sync + Send,
        each: impl FnMut(&T, R) -> Result<(), E>,
    ) -> Result<(), E> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap_or_else(|e| panic!("a thread pool: {e}"));
        pool.in_place_scope(|scope| ordered_in(scope, items, window, work, each))
    }

    #[test]
    fn results_come_back_in_order_whatever_order_they_finish_in() {
        for threads in [1, 2, 4] {
            for window in [1, 2, 3, 64] {
                let items: Vec<u64> = (0..200).collect();
                let mut seen = Vec::new();
                let result: Result<(), ()> = on_pool(
                    threads,
                    &items,
                    window,
                    // Early items take longest, so later ones finish first.
                    |&n| {
                        std::thread::sleep(Duration::from_micros((200 - n) % 7 * 30));
                        n * 2
                    },
                    |&n, doubled| {
                        assert_eq!(doubled, n * 2);
                        seen.push(n);
                        Ok(())
                    },
                );
                assert_eq!(result, Ok(()));
                assert_eq!(seen, items, "{threads} threads, window {window}");
            }
        }
    }

    #[test]
    fn no_item_starts_more_than_the_window_ahead_of_the_one_handed_back() {
        let items: Vec<usize> = (0..300).collect();
        let window = 5;
        let handed = AtomicUsize::new(0);
        let furthest = AtomicUsize::new(0);
        let result: Result<(), ()> = on_pool(
            4,
            &items,
            window,
            |&i| {
                let ahead = i - handed.load(Ordering::SeqCst);
                furthest.fetch_max(ahead, Ordering::SeqCst);
                i
            },
            |_, _| {
                handed.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(handed.load(Ordering::SeqCst), items.len());
        assert!(furthest.load(Ordering::SeqCst) < window);
    }

    #[test]
    fn the_first_error_stops_the_run_and_is_returned() {
        let items: Vec<usize> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let mut handed = Vec::new();
        let result = on_pool(
            2,
            &items,
            8,
            |&i| {
                started.fetch_add(1, Ordering::SeqCst);
                i
            },
            |&i, _| {
                if i == 20 {
                    return Err(format!("failed at {i}"));
                }
                handed.push(i);
                Ok(())
            },
        );
        assert_eq!(result, Err("failed at 20".to_string()));
        assert_eq!(handed, (0..20).collect::<Vec<_>>());
        // Only items 0 to 27, within the window of the failure, were started.
        assert!(started.load(Ordering::SeqCst) <= 20 + 8);
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_caller_and_nothing_hangs() {
        let items: Vec<usize> = (0..100).collect();
        let caught = std::panic::catch_unwind(|| {
            on_pool(
                2,
                &items,
                4,
                |&i| {
                    assert_ne!(i, 30, "item 30 fails");
                    i
                },
                |_, _| Ok::<(), ()>(()),
            )
        });
        assert!(caught.is_err());
    }

    #[test]
    fn no_items_is_no_work() {
        let items: [u8; 0] = [];
        let result: Result<(), ()> = for_each_ordered(&items, 4, |_| 1, |_, _| Err(()));
        assert_eq!(result, Ok(()));
    }
}
