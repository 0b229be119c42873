//! The box's address on the local network, for serving the activation page to phones.
//!
//! The rule: the address this box would send from towards its default gateway (the default
//! route's interface); without a default route, the address towards the first other route's
//! network (every up interface with an IPv4 address has such a route). Loopback never. The
//! kernel picks the source address when a UDP socket is connected, which sends nothing, so
//! no interface list (and no `unsafe` `getifaddrs`) is needed: only `/proc/net/route`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, SocketAddrV4, UdpSocket};

/// The kernel's IPv4 routing table, as Linux shows it.
const ROUTE_TABLE: &str = "/proc/net/route";

/// `RTF_UP`: the route is usable.
const ROUTE_UP: u32 = 0x0001;
/// `RTF_GATEWAY`: the route goes through a gateway.
const ROUTE_GATEWAY: u32 = 0x0002;

/// One line of `/proc/net/route`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Route {
    iface: String,
    destination: Ipv4Addr,
    gateway: Ipv4Addr,
    flags: u32,
    metric: u32,
    mask: Ipv4Addr,
}

impl Route {
    fn is_default(&self) -> bool {
        self.mask.is_unspecified()
    }

    /// An address whose path goes out through this route's interface: its gateway, else the
    /// first address of its network (for a single address, that address).
    fn probe_target(&self) -> Option<Ipv4Addr> {
        if self.flags & ROUTE_GATEWAY != 0 && !self.gateway.is_unspecified() {
            return Some(self.gateway);
        }
        if self.is_default() {
            return None;
        }
        let mask = u32::from(self.mask);
        let network = u32::from(self.destination) & mask;
        // Masks of /31 and /32 have no network address to step over.
        let first = if mask.leading_ones() >= 31 {
            network
        } else {
            network + 1
        };
        Some(Ipv4Addr::from(first))
    }
}

/// The box's LAN address by the rule above, or `None` when it has none but loopback.
pub fn lan_address() -> Option<Ipv4Addr> {
    let table = std::fs::read_to_string(ROUTE_TABLE).ok()?;
    probe_targets(&parse_routes(&table))
        .into_iter()
        .find_map(source_address_towards)
}

/// The addresses to probe, in the rule's order: default routes first (lowest metric first),
/// then the others as the table lists them; down routes and loopback's left out.
fn probe_targets(routes: &[Route]) -> Vec<Ipv4Addr> {
    let mut usable: Vec<&Route> = routes
        .iter()
        .filter(|r| r.flags & ROUTE_UP != 0 && r.iface != "lo")
        .collect();
    // Stable: among equals, the table's order stays.
    usable.sort_by_key(|r| (!r.is_default(), if r.is_default() { r.metric } else { 0 }));
    usable.iter().filter_map(|r| r.probe_target()).collect()
}

/// The source address the kernel chooses for `target` (nothing is sent), if it is one a
/// phone could reach.
fn source_address_towards(target: Ipv4Addr) -> Option<Ipv4Addr> {
    let socket = UdpSocket::bind(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    socket.connect(SocketAddrV4::new(target, 9)).ok()?;
    match socket.local_addr().ok()? {
        SocketAddr::V4(local) if usable_lan_ip(*local.ip()) => Some(*local.ip()),
        _ => None,
    }
}

/// An address given for the LAN page (`--lan=ADDR`): an IP address, with a port or not (port
/// 0, or none: the issuer's port when free there, else any).
pub fn parse_listen_address(text: &str) -> Result<SocketAddr, String> {
    let address = text
        .parse::<SocketAddr>()
        .or_else(|_| text.parse::<IpAddr>().map(|ip| SocketAddr::new(ip, 0)))
        .map_err(|_| format!("'{text}' is not an IP address, nor IP:PORT"))?;
    if address.ip().is_unspecified() || address.ip().is_multicast() {
        return Err(format!(
            "'{text}': the activation page needs one address phones can open, not a wildcard or multicast one"
        ));
    }
    Ok(address)
}

fn usable_lan_ip(ip: Ipv4Addr) -> bool {
    !(ip.is_loopback() || ip.is_unspecified() || ip.is_multicast() || ip.is_broadcast())
}

/// The lines of `/proc/net/route` (after its header) that parse; addresses are the kernel's
/// 32-bit values in this machine's byte order.
fn parse_routes(table: &str) -> Vec<Route> {
    table.lines().skip(1).filter_map(parse_route).collect()
}

fn parse_route(line: &str) -> Option<Route> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let address = |i: usize| -> Option<Ipv4Addr> {
        let raw = u32::from_str_radix(fields.get(i)?, 16).ok()?;
        Some(Ipv4Addr::from(raw.to_ne_bytes()))
    };
    Some(Route {
        iface: fields.first()?.to_string(),
        destination: address(1)?,
        gateway: address(2)?,
        flags: u32::from_str_radix(fields.get(3)?, 16).ok()?,
        metric: fields.get(6)?.parse().ok()?,
        mask: address(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table line as the kernel writes it, from dotted addresses.
    fn line(iface: &str, dest: &str, gateway: &str, flags: u32, metric: u32, mask: &str) -> String {
        let hex = |a: &str| {
            let ip: Ipv4Addr = a.parse().unwrap();
            format!("{:08X}", u32::from_ne_bytes(ip.octets()))
        };
        format!(
            "{iface}\t{}\t{}\t{flags:04X}\t0\t0\t{metric}\t{}\t0\t0\t0",
            hex(dest),
            hex(gateway),
            hex(mask)
        )
    }

    fn table(lines: &[String]) -> String {
        let mut text =
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                .to_string();
        for l in lines {
            text.push_str(l);
            text.push('\n');
        }
        text
    }

    fn ip(a: &str) -> Ipv4Addr {
        a.parse().unwrap()
    }

    #[test]
    fn reads_the_kernels_table() {
        // As this machine's kernel wrote it (little-endian hex).
        let text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
                    eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n\
                    eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
        if cfg!(target_endian = "little") {
            let routes = parse_routes(text);
            assert_eq!(routes.len(), 2);
            assert!(routes[0].is_default());
            assert_eq!(routes[0].gateway, ip("192.0.2.1"));
            assert_eq!(routes[1].destination, ip("192.0.2.0"));
            assert_eq!(routes[1].mask, ip("255.255.255.0"));
        }
    }

    #[test]
    fn the_default_gateway_comes_first() {
        let routes = parse_routes(&table(&[
            line("wlan0", "10.1.0.0", "0.0.0.0", 0x1, 600, "255.255.0.0"),
            line("eth0", "0.0.0.0", "192.168.1.1", 0x3, 200, "0.0.0.0"),
            line("eth0", "192.168.1.0", "0.0.0.0", 0x1, 0, "255.255.255.0"),
        ]));
        assert_eq!(
            probe_targets(&routes),
            [ip("192.168.1.1"), ip("10.1.0.1"), ip("192.168.1.1")]
        );
    }

    #[test]
    fn the_default_route_of_lowest_metric_wins() {
        let routes = parse_routes(&table(&[
            line("wlan0", "0.0.0.0", "10.0.0.1", 0x3, 600, "0.0.0.0"),
            line("eth0", "0.0.0.0", "192.168.1.1", 0x3, 100, "0.0.0.0"),
        ]));
        assert_eq!(probe_targets(&routes)[0], ip("192.168.1.1"));
    }

    #[test]
    fn without_a_default_route_the_first_network_is_probed() {
        let routes = parse_routes(&table(&[
            line("veth0", "10.77.0.0", "0.0.0.0", 0x1, 0, "255.255.255.0"),
            line("tun0", "10.8.0.5", "0.0.0.0", 0x1, 0, "255.255.255.255"),
        ]));
        assert_eq!(probe_targets(&routes), [ip("10.77.0.1"), ip("10.8.0.5")]);
    }

    #[test]
    fn loopback_and_down_routes_are_left_out() {
        let routes = parse_routes(&table(&[
            line("lo", "127.0.0.0", "0.0.0.0", 0x1, 0, "255.0.0.0"),
            line("eth1", "0.0.0.0", "10.0.0.1", 0x2, 0, "0.0.0.0"),
            line("eth0", "0.0.0.0", "0.0.0.0", 0x1, 0, "0.0.0.0"),
        ]));
        // The gatewayless default route names no address to probe towards.
        assert!(probe_targets(&routes).is_empty());
    }

    #[test]
    fn garbage_lines_are_skipped() {
        let routes = parse_routes("header\nnot a route\neth0\tzz\n");
        assert!(routes.is_empty());
    }

    #[test]
    fn a_given_address_is_an_ip_with_or_without_a_port() {
        assert_eq!(
            parse_listen_address("192.168.1.20"),
            Ok("192.168.1.20:0".parse().unwrap())
        );
        assert_eq!(
            parse_listen_address("10.0.0.2:8080"),
            Ok("10.0.0.2:8080".parse().unwrap())
        );
        assert_eq!(
            parse_listen_address("[fd00::2]:80"),
            Ok("[fd00::2]:80".parse().unwrap())
        );
        for wrong in [
            "0.0.0.0",
            "[::]:80",
            "224.0.0.1",
            "box.local",
            "",
            "10.0.0.2:x",
        ] {
            assert!(parse_listen_address(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn loopback_is_never_the_lan_address() {
        assert!(source_address_towards(Ipv4Addr::LOCALHOST).is_none());
        assert!(!usable_lan_ip(Ipv4Addr::UNSPECIFIED));
    }
}
