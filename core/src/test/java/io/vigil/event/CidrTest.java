package io.vigil.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CidrTest {
    private static Cidr cidr(String s) {
        return Cidr.parse(s).orElseThrow(() -> new AssertionError("not parsed: " + s));
    }

    @Test
    void parsesAddressesAndNetworksClearingHostBits() {
        assertThat(cidr("198.51.100.77/24").toString()).isEqualTo("198.51.100.0/24");
        assertThat(cidr("198.51.100.77").isAddress()).isTrue();
        assertThat(cidr("0.0.0.0/0").contains(cidr("255.255.255.255"))).isTrue();
        assertThat(cidr("2001:DB8:0:0:1::1").toString()).isEqualTo("2001:db8::1:0:0:1");
        assertThat(cidr("2001:db8::/32").contains(cidr("2001:db8:ffff::1"))).isTrue();
        assertThat(cidr("::/0").contains(cidr("ffff::1"))).isTrue();
        assertThat(cidr("2001:db8::/64").lastLo()).isEqualTo(-1L);
    }

    @Test
    void readsIpv4MappedIpv6AsIpv4() {
        assertThat(cidr("::ffff:198.51.100.7")).isEqualTo(cidr("198.51.100.7"));
        assertThat(cidr("::ffff:198.51.100.0/120")).isEqualTo(cidr("198.51.100.0/24"));
    }

    @Test
    void rejectsWhatIsNotAnAddressWithoutDns() {
        for (String bad : new String[] {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33", "example.com", "1.2.3.4/",
            "2001:db8::/129", "::1/-1", "1.2.3.4/x", "gggg::1"}) {
            assertThat(Cidr.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void ordersIpv4BeforeIpv6AndByUnsignedAddress() {
        assertThat(cidr("10.0.0.0/8")).isLessThan(cidr("200.0.0.0/8"));
        assertThat(cidr("255.0.0.0/8")).isLessThan(cidr("::1"));
        assertThat(cidr("8000::1")).isGreaterThan(cidr("1::1"));
    }

    @Test
    void classifiesPrivateAndReservedSpace() {
        assertThat(ReservedNetworks.kindOf(cidr("192.168.1.1"))).contains(ReservedNetworks.Kind.PRIVATE);
        assertThat(ReservedNetworks.kindOf(cidr("fd00::1"))).contains(ReservedNetworks.Kind.PRIVATE);
        assertThat(ReservedNetworks.kindOf(cidr("::1"))).contains(ReservedNetworks.Kind.RESERVED);
        assertThat(ReservedNetworks.kindOf(cidr("8.8.8.8"))).isEmpty();
        assertThat(ReservedNetworks.kindOf(cidr("203.0.113.5"))).as("documentation space counts as public").isEmpty();
        assertThat(ReservedNetworks.overlaps(cidr("224.0.0.0/3"))).isTrue();
        assertThat(ReservedNetworks.overlaps(cidr("0.0.0.0/0"))).isTrue();
        assertThat(ReservedNetworks.overlaps(cidr("1.10.16.0/20"))).isFalse();
    }
}
