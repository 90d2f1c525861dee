//! Where webhooks may be sent: not into the agency's own network (SSRF). A URL whose host is, or
//! resolves to, a loopback, private, link-local, unique-local or unspecified address is refused
//! unless `WEBHOOKS_ALLOW_PRIVATE_TARGETS=true`; deliveries resolve through [`PublicOnly`], which
//! checks again at connection time (a name may resolve elsewhere by then), and follow no redirects.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Why a URL cannot receive webhooks; the text is the 422's message for `url`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("must be an absolute http or https URL")]
    NotHttp,
    #[error("must not carry a user name or password")]
    Credentials,
    #[error("the host does not resolve")]
    Unresolvable,
    #[error("the host is, or resolves to, a private address")]
    Private,
}

/// Whether webhooks must not go to `ip`: loopback, private, link-local, unique-local,
/// unspecified, shared (CGNAT), broadcast or multicast; IPv4-mapped IPv6 as its IPv4 address.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_private_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_private_v4(v4),
            None => is_private_v6(v6),
        },
    }
}

fn is_private_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        // 0.0.0.0/8 ("this network") and 100.64.0.0/10 (shared address space).
        || a == 0
        || (a == 100 && (64..128).contains(&b))
}

fn is_private_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        // fc00::/7 unique-local, fe80::/10 link-local.
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
}

/// Checks a subscription's URL (on POST and PATCH): http or https, no credentials, and a host
/// that neither is nor resolves to a private address unless `allow_private`.
pub async fn check(url: &str, allow_private: bool) -> Result<Url, TargetError> {
    let parsed = Url::parse(url).map_err(|_| TargetError::NotHttp)?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(TargetError::NotHttp);
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(TargetError::Credentials);
    }
    if allow_private {
        return Ok(parsed);
    }
    let addresses = resolve(&parsed).await?;
    if addresses.iter().any(|a| is_private(a.ip())) {
        return Err(TargetError::Private);
    }
    Ok(parsed)
}

/// Every address the URL's host stands for (an IP literal is its own).
async fn resolve(url: &Url) -> Result<Vec<SocketAddr>, TargetError> {
    let port = url.port_or_known_default().unwrap_or(443);
    match url.host() {
        Some(url::Host::Ipv4(ip)) => Ok(vec![SocketAddr::new(ip.into(), port)]),
        Some(url::Host::Ipv6(ip)) => Ok(vec![SocketAddr::new(ip.into(), port)]),
        Some(url::Host::Domain(name)) => {
            let lookup = tokio::net::lookup_host((name, port));
            let found = tokio::time::timeout(std::time::Duration::from_secs(5), lookup)
                .await
                .map_err(|_| TargetError::Unresolvable)?
                .map_err(|_| TargetError::Unresolvable)?
                .collect::<Vec<_>>();
            if found.is_empty() {
                return Err(TargetError::Unresolvable);
            }
            Ok(found)
        }
        None => Err(TargetError::NotHttp),
    }
}

/// Checks a delivery's target again just before sending: an IP literal here (names are checked
/// by [`PublicOnly`] as the connection resolves them).
pub fn check_literal(url: &Url, allow_private: bool) -> Result<(), TargetError> {
    let ip = match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::from(ip),
        Some(url::Host::Ipv6(ip)) => IpAddr::from(ip),
        Some(url::Host::Domain(_)) => return Ok(()),
        None => return Err(TargetError::NotHttp),
    };
    if !allow_private && is_private(ip) {
        return Err(TargetError::Private);
    }
    Ok(())
}

/// The deliveries' resolver: the system's, refusing a name with any private address.
pub struct PublicOnly {
    pub allow_private: bool,
}

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if !allow_private && found.iter().any(|a| is_private(a.ip())) {
                return Err(Box::new(TargetError::Private) as Box<_>);
            }
            let addrs: Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

/// The HTTP client of deliveries: no redirects, no proxy (it would resolve the name itself),
/// [`PublicOnly`] names, 15 s per attempt.
pub fn client(allow_private: bool) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .dns_resolver(Arc::new(PublicOnly { allow_private }))
        .timeout(std::time::Duration::from_secs(15))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn private(text: &str) -> bool {
        is_private(text.parse().expect("an address"))
    }

    #[test]
    fn private_addresses_of_both_families_are_refused() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
        ] {
            assert!(private(ip), "{ip} is private");
        }
        for ip in [
            "93.184.216.34",
            "8.8.8.8",
            "172.32.0.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(!private(ip), "{ip} is public");
        }
    }

    #[tokio::test]
    async fn urls_are_checked_before_they_are_stored() {
        assert_eq!(
            check("ftp://example.com/", false).await,
            Err(TargetError::NotHttp)
        );
        assert_eq!(check("not a url", false).await, Err(TargetError::NotHttp));
        assert_eq!(
            check("https://user:pw@example.com/", false).await,
            Err(TargetError::Credentials)
        );
        assert_eq!(
            check("http://127.0.0.1:9/hook", false).await,
            Err(TargetError::Private)
        );
        assert_eq!(
            check("http://[::1]/hook", false).await,
            Err(TargetError::Private)
        );
        assert_eq!(
            check("http://localhost/hook", false).await,
            Err(TargetError::Private)
        );
        assert!(check("http://127.0.0.1:9/hook", true).await.is_ok());
    }
}
