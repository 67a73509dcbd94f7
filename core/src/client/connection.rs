//! Sessions with the relays: which one is active, dialing, the retry loop every call runs
//! in, and the task that keeps a client connected while the app wants it to be.

use std::{
    sync::{Arc, Weak},
    time::{Duration, Instant},
};

use super::{Inner, SyncEvent, backoff, sender, session::Session};
use crate::{Error, Result, crypto::random_bytes, transport::Transport};

impl<T: Transport> Inner<T> {
    fn cached(&self, index: usize) -> Option<Arc<Session<T::Conn>>> {
        let sessions = self.sessions.lock().expect("sessions lock");
        sessions[index].as_ref().filter(|s| s.is_alive()).cloned()
    }

    pub(super) fn active_live(&self) -> Option<Arc<Session<T::Conn>>> {
        let index = (*self.active.lock().expect("active lock"))?;
        self.cached(index)
    }

    /// A live session with relay `index`, dialing it if needed.
    pub(super) async fn session_for(&self, index: usize) -> Result<Arc<Session<T::Conn>>> {
        if let Some(s) = self.cached(index) {
            return Ok(s);
        }
        let queued_at = Instant::now();
        let mut last_failure = self.connect_locks[index].lock().await;
        if let Some(s) = self.cached(index) {
            return Ok(s);
        }
        if let Some((failed_at, e)) = &*last_failure
            && *failed_at >= queued_at
        {
            return Err(e.clone());
        }
        self.ensure_running()?;
        let established = Session::establish(
            &self.transport,
            index,
            &self.config.relays[index],
            &self.identity(),
            self.config.liveness,
            self.config.connect_timeout,
            self.config.request_timeout,
        )
        .await;
        match established {
            Ok(session) => {
                *last_failure = None;
                self.sessions.lock().expect("sessions lock")[index] = Some(session.clone());
                self.learned_cluster(&session)?;
                Ok(session)
            }
            Err(e) => {
                *last_failure = Some((Instant::now(), e.clone()));
                Err(e)
            }
        }
    }

    /// The active session, or a new one with the first relay that accepts us.
    pub(super) async fn active_session(&self) -> Result<Arc<Session<T::Conn>>> {
        self.ensure_running()?;
        if !*self.wanted.borrow() {
            return Err(Error::NotConnected);
        }
        if let Some(s) = self.active_live() {
            return Ok(s);
        }
        let mut failures = Vec::new();
        for index in self.dial_order() {
            match self.session_for(index).await {
                Ok(s) => {
                    *self.active.lock().expect("active lock") = Some(index);
                    self.activated(&s)?;
                    // A `disconnect` while this dialled closed the sessions before this one was
                    // installed; it must not outlive the app's wish. (One that comes after
                    // this check finds the session installed and closes it itself.)
                    if !*self.wanted.borrow() {
                        self.close_sessions("disconnected by the app").await;
                        return Err(Error::NotConnected);
                    }
                    return Ok(s);
                }
                Err(e) => {
                    tracing::warn!(relay = %self.config.relays[index].short_id(), error = %e, "relay failed");
                    failures.push(e);
                }
            }
        }
        Err(if failures.len() == 1 {
            failures.remove(0)
        } else {
            Error::AllRelaysFailed {
                reasons: failures.iter().map(ToString::to_string).collect(),
            }
        })
    }

    /// Relays in preference order, except that those that said they are shutting down (a
    /// drain, not long ago) come last: a device leaving a draining relay does not dial it
    /// again first.
    fn dial_order(&self) -> Vec<usize> {
        let sessions = self.sessions.lock().expect("sessions lock");
        let draining = |i: &usize| sessions[*i].as_ref().is_some_and(|s| s.drained_recently());
        let (mut order, last): (Vec<usize>, Vec<usize>) =
            (0..sessions.len()).partition(|i| !draining(i));
        order.extend(last);
        order
    }

    /// Announces a session that became the active one (once per session), and remembers
    /// its relay's limits.
    fn activated(&self, session: &Session<T::Conn>) -> Result<()> {
        if !session.announce() {
            return Ok(());
        }
        tracing::info!(relay = %session.relay.short_id(), "connected");
        let index = session.relay_index;
        let before = self
            .last_active
            .lock()
            .expect("last active lock")
            .replace(index);
        if let Some(from) = before.filter(|&from| from != index) {
            self.events.emit(SyncEvent::Failover {
                from: self.config.relays[from].clone(),
                to: session.relay.clone(),
            });
        }
        self.events.emit(SyncEvent::Connected {
            relay: session.relay.clone(),
        });
        self.learned_limits(&session.limits)
    }

    /// Runs `op` on the active session until it succeeds or fails for good. A transport
    /// failure drops that session and tries again (the next attempt walks the relays in
    /// preference order) after a backoff, or at once when the relay said it is shutting
    /// down (a drain: the next relay is there now); a relay's `RateLimited` is waited out as
    /// it asks.
    /// With a `deadline`, no attempt runs past it and the last failure is returned then (a
    /// `Timeout` if the first attempt was still running); without one, only failures no
    /// retry can cure end the loop (`NotConnected` among them).
    pub(super) async fn call<R, F, Fut>(&self, deadline: Option<Instant>, op: F) -> Result<R>
    where
        F: Fn(Arc<Session<T::Conn>>) -> Fut,
        Fut: Future<Output = Result<R>>,
    {
        let mut failures = 0u32;
        let mut last_failure = None;
        loop {
            let drained = std::sync::atomic::AtomicBool::new(false);
            let attempt = async {
                let session = self.active_session().await?;
                match op(session.clone()).await {
                    Err(e) if e.is_transient() => {
                        tracing::warn!(relay = %session.relay.short_id(), error = %e, "retrying");
                        session.close(&e.to_string());
                        drained.store(session.drained(), std::sync::atomic::Ordering::Relaxed);
                        Err(e)
                    }
                    other => other,
                }
            };
            let outcome = match deadline {
                Some(deadline) => match tokio::time::timeout_at(deadline.into(), attempt).await {
                    Ok(outcome) => outcome,
                    Err(_) => {
                        return Err(last_failure.unwrap_or_else(|| {
                            Error::Timeout(format!(
                                "no answer within {:?}",
                                self.config.request_timeout
                            ))
                        }));
                    }
                },
                None => attempt.await,
            };
            let wait = match &outcome {
                Err(Error::RateLimited { retry_after_ms }) => {
                    Duration::from_millis(*retry_after_ms)
                }
                Err(e) if e.is_transient() && drained.into_inner() => Duration::ZERO,
                // Every relay down (or refusing sessions) may be back before the deadline.
                Err(e) if e.is_transient() || matches!(e, Error::AllRelaysFailed { .. }) => {
                    failures += 1;
                    backoff(failures)
                }
                _ => return outcome,
            };
            if deadline.is_some_and(|d| Instant::now() + wait >= d) {
                return outcome;
            }
            last_failure = outcome.err();
            tokio::time::sleep(wait).await;
            self.ensure_running()?;
        }
    }

    /// Ends every session (`reason` says why); the active one's end is announced here, so
    /// that it comes before anything that follows (a shutdown's end of the event streams).
    pub(super) async fn close_sessions(&self, reason: &str) {
        // Swapped under one lock: a concurrent `cached(index)` always sees one slot per relay.
        let sessions = {
            let mut slots = self.sessions.lock().expect("sessions lock");
            let empty = vec![None; slots.len()];
            std::mem::replace(&mut *slots, empty)
        };
        let active = self.active.lock().expect("active lock").take();
        for s in sessions.into_iter().flatten() {
            s.goodbye(reason).await;
            if Some(s.relay_index) == active {
                self.report_end(&s, reason.to_owned());
            }
        }
    }

    /// Announces that an active session ended, once per session.
    fn report_end(&self, session: &Session<T::Conn>, reason: String) {
        if session.report_end() {
            tracing::info!(relay = %session.relay.short_id(), %reason, "disconnected");
            self.events.emit(SyncEvent::Disconnected {
                relay: session.relay.clone(),
                reason,
            });
        }
    }

    /// Starts, once per client, the task that keeps it connected and the outbox sender.
    /// Both hold the client weakly: dropping its last handle ends them.
    pub(super) fn start_background(self: &Arc<Self>) {
        self.background.call_once(|| {
            tokio::spawn(keep_connected(Arc::downgrade(self)));
            tokio::spawn(sender::run(Arc::downgrade(self)));
        });
    }
}

/// While the app wants the client connected, holds a session open: redials with backoff
/// whenever it ends, and reports each end as a `Disconnected` event.
async fn keep_connected<T: Transport>(client: Weak<Inner<T>>) {
    let mut failures = 0u32;
    loop {
        let Some(inner) = client.upgrade() else {
            return;
        };
        let (mut wanted, mut stopped) = (inner.wanted.subscribe(), inner.stopped.subscribe());
        if *stopped.borrow() {
            return;
        }
        if !*wanted.borrow() {
            drop(inner);
            tokio::select! {
                _ = wanted.wait_for(|w| *w) => continue,
                _ = stopped.wait_for(|s| *s) => return,
            }
        }
        match inner.active_session().await {
            Ok(session) => {
                failures = 0;
                drop(inner);
                let reason = tokio::select! {
                    reason = session.ended() => reason,
                    _ = stopped.wait_for(|s| *s) => return,
                };
                if let Some(inner) = client.upgrade() {
                    inner.report_end(&session, reason);
                }
            }
            Err(Error::Shutdown) => return,
            Err(e) => {
                failures += 1;
                drop(inner);
                tracing::debug!(error = %e, "reconnecting later");
                tokio::select! {
                    _ = tokio::time::sleep(jittered(backoff(failures))) => {}
                    _ = wanted.wait_for(|w| !*w) => {}
                    _ = stopped.wait_for(|s| *s) => return,
                }
            }
        }
    }
}

/// Between half and all of `wait`, so that devices a relay restart disconnected at once
/// do not all come back at once.
pub(super) fn jittered(wait: Duration) -> Duration {
    let [byte] = random_bytes::<1>();
    wait.mul_f64(0.5 + f64::from(byte) / 510.0)
}
