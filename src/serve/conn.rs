//! The connections of `vpagen serve`: at most [`MAX_CONNECTIONS`] open at a time (more
//! wait in the listen queue until one closes), and each closed when a request's header
//! has not arrived within [`HEADER_TIMEOUT`] — the time from the connection's start, or
//! from the previous answer on a kept-alive connection, so an idle connection is closed
//! after that time too. A slow or idle client can so neither hold a connection open nor
//! use up the process's file handles.

use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// How long a client may take to send a request's header, and how long a kept-alive
/// connection may idle between requests.
pub(super) const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// How many connections are served at once.
pub(super) const MAX_CONNECTIONS: usize = 256;

/// Accepts and serves connections with `app` until the process ends.
pub(super) async fn accept_loop(listener: TcpListener, app: axum::Router) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(permit) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        // Out of file handles or a connection reset before it was taken: try again
        // shortly instead of spinning.
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}
