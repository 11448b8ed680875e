//! Which requests `vpagen serve` answers, and the headers every answer carries.
//!
//! A request is answered only when it names this server: exactly one `Host` header,
//! which is `localhost`, a loopback address or the bound address, as a bare name or IP
//! literal with an optional `:port` and nothing else; an absolute-form request line
//! (`GET http://host/ HTTP/1.1`) must name it too. So a page of another site cannot
//! reach the server through DNS rebinding, and no odd spelling slips past the check.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};

/// Why a request is refused: its status and a line of text.
pub(super) type Refusal = (StatusCode, &'static str);

/// Whether `req` may be answered by a server bound to `bind`.
pub(super) fn check_request(bind: IpAddr, req: &Request) -> Result<(), Refusal> {
    let mut hosts = req.headers().get_all(header::HOST).iter();
    let (Some(host), None) = (hosts.next(), hosts.next()) else {
        return Err((
            StatusCode::BAD_REQUEST,
            "bad request: send exactly one Host header\n",
        ));
    };
    let foreign = (
        StatusCode::FORBIDDEN,
        "forbidden: the Host header names neither this server's address nor localhost\n",
    );
    if !host.to_str().is_ok_and(|h| host_allowed(bind, h)) {
        return Err(foreign);
    }
    if let Some(authority) = req.uri().authority()
        && !host_allowed(bind, authority.as_str())
    {
        return Err(foreign);
    }
    Ok(())
}

/// The name of a `Host` value (`name` or `name:port`, an IPv6 address in brackets),
/// when it has that form and nothing else: no user info, no path, no stray text.
fn host_name(host: &str) -> Option<HostName> {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        (
            HostName::Ip(IpAddr::V6(inside.parse::<Ipv6Addr>().ok()?)),
            port,
        )
    } else {
        let (name, port) = match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        };
        let name = if name.eq_ignore_ascii_case("localhost") {
            HostName::Localhost
        } else {
            HostName::Ip(IpAddr::V4(name.parse::<Ipv4Addr>().ok()?))
        };
        (name, port)
    };
    if let Some(port) = port
        && (port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    Some(name)
}

/// A name a `Host` value may give.
enum HostName {
    Localhost,
    Ip(IpAddr),
}

/// Whether `host` (a Host header or request authority) names a server bound to
/// `bind`: localhost, a loopback address, or the bound address; any IP address when
/// bound to all interfaces. Names other than localhost are refused.
pub(super) fn host_allowed(bind: IpAddr, host: &str) -> bool {
    match host_name(host) {
        Some(HostName::Localhost) => true,
        Some(HostName::Ip(ip)) => ip.is_loopback() || ip == bind || bind.is_unspecified(),
        None => false,
    }
}

/// Sets the headers every answer of the server carries, whatever its status: nothing
/// is cached (a development server's files change with each save; a redirect cached
/// for good would outlive the edit), no content type is guessed, no other site may
/// frame a page or load a file.
pub(super) fn harden(headers: &mut HeaderMap) {
    for (name, value) in [
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    // A page with a policy of its own (the editor's) keeps it; it forbids framing too.
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static("frame-ancestors 'none'"));
    headers.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(target: &str, hosts: &[&str]) -> Request {
        let mut builder = Request::builder().uri(target);
        for h in hosts {
            builder = builder.header(header::HOST, *h);
        }
        builder.body(axum::body::Body::empty()).unwrap()
    }

    #[test]
    fn only_own_hosts_are_served() {
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        for ok in [
            "127.0.0.1:1111",
            "127.0.0.1",
            "localhost:1111",
            "LOCALHOST",
            "[::1]:1111",
            "[::1]",
            "127.0.0.2:80",
        ] {
            assert!(host_allowed(local, ok), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "192.168.1.5:1111",
            "localhost:18111@evil.example",
            "localhost:evil.example",
            "[::1]evil.example",
            "[::1]:1111x",
            "localhost.",
            "localhost:",
            "localhost:123456",
            "127.0.0.1:1111/x",
            "127.1",
            "0x7f.0.0.1",
            " localhost",
            "",
        ] {
            assert!(!host_allowed(local, bad), "{bad:?}");
        }
        let all: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(host_allowed(all, "192.168.1.5:1111"));
        assert!(!host_allowed(all, "rebind.example"));
    }

    #[test]
    fn one_host_and_a_matching_request_target() {
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        assert!(check_request(local, &request("/", &["localhost:1"])).is_ok());
        assert!(check_request(local, &request("http://localhost:1/", &["localhost:1"])).is_ok());
        let status = |r: Request| check_request(local, &r).map_err(|e| e.0).err();
        assert_eq!(status(request("/", &[])), Some(StatusCode::BAD_REQUEST));
        assert_eq!(
            status(request("/", &["localhost", "evil.example"])),
            Some(StatusCode::BAD_REQUEST)
        );
        assert_eq!(
            status(request("/", &["localhost", "localhost"])),
            Some(StatusCode::BAD_REQUEST)
        );
        assert_eq!(
            status(request("http://evil.example/", &["localhost"])),
            Some(StatusCode::FORBIDDEN)
        );
    }
}
