package dev.handover.spi.helpers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

final class RedirectsTest {
    private static final URI BASE = URI.create("https://acme.zendesk.com");
    private static final URI AT = URI.create("https://acme.zendesk.com/api/v2/tickets/1.json");

    private static Redirects.Decision decide(String method, int status, String location) {
        return Redirects.decide(method, BASE, AT, status, location, 0);
    }

    @Test
    void aRedirectToAnotherHostIsRefusedNamingItWithoutItsQuery() {
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            for (String method : new String[] {"GET", "POST"}) {
                assertThat(decide(method, status, "https://evil.example:8443/collect?token=abc#x"))
                        .isEqualTo(new Redirects.Refuse("redirected (HTTP " + status + ") to another origin,"
                                + " https://evil.example:8443/collect (query left out); credentials are only ever sent"
                                + " to https://acme.zendesk.com — check the configured URL"));
            }
        }
    }

    @Test
    void anotherSchemeOrPortIsAnotherOrigin() {
        assertThat(decide("GET", 301, "http://acme.zendesk.com/api/v2/tickets/1.json"))
                .isInstanceOf(Redirects.Refuse.class);
        assertThat(decide("GET", 307, "https://acme.zendesk.com:444/api/v2/tickets/1.json"))
                .isInstanceOf(Redirects.Refuse.class);
        assertThat(decide("GET", 307, "https://user:pw@evil.example/"))
                .isEqualTo(new Redirects.Refuse("redirected (HTTP 307) to another origin, https://evil.example/"
                        + " (query left out); credentials are only ever sent to https://acme.zendesk.com — check the"
                        + " configured URL"));
    }

    @Test
    void withinTheOriginAGetIsFollowedAndAWriteOnlyOn307Or308() {
        URI moved = URI.create("https://ACME.zendesk.com:443/api/v2/tickets/2.json");
        assertThat(decide("GET", 302, moved.toString())).isEqualTo(new Redirects.Follow(moved));
        assertThat(decide("GET", 301, "/api/v2/tickets/2.json"))
                .isEqualTo(new Redirects.Follow(URI.create("https://acme.zendesk.com/api/v2/tickets/2.json")));
        assertThat(decide("POST", 307, "/oauth/tokens2")).isInstanceOf(Redirects.Follow.class);
        assertThat(decide("PUT", 308, "/api/v2/tickets/2.json")).isInstanceOf(Redirects.Follow.class);
        assertThat(decide("POST", 302, "/oauth/tokens2"))
                .isEqualTo(
                        new Redirects.Refuse("redirected a POST (HTTP 302) to https://acme.zendesk.com/oauth/tokens2;"
                                + " only 307 and 308 keep a request's method and body, so it is not repeated"));
    }

    @Test
    void atMostThreeHopsAreFollowed() {
        assertThat(Redirects.decide("GET", BASE, AT, 302, "/a", 2)).isInstanceOf(Redirects.Follow.class);
        assertThat(Redirects.decide("GET", BASE, AT, 302, "/a", 3))
                .isEqualTo(new Redirects.Refuse("redirected more than 3 times (last to https://acme.zendesk.com/a)"));
    }

    @Test
    void aMissingOrUnusableLocationIsRefusedWithoutRepeatingIt() {
        assertThat(decide("GET", 302, null))
                .isEqualTo(new Redirects.Refuse("redirected (HTTP 302) without a Location"));
        assertThat(decide("GET", 302, "https://exa mple.com/\u001b[31m"))
                .isEqualTo(new Redirects.Refuse("redirected (HTTP 302) to a Location that is not a URI"));
        assertThat(decide("GET", 302, "file:///etc/passwd"))
                .isEqualTo(new Redirects.Refuse("redirected (HTTP 302) to a Location that is not an http(s) URL"));
    }

    @Test
    void originsCompareSchemeHostAndEffectivePort() {
        assertThat(Redirects.sameOrigin(URI.create("https://a.example"), URI.create("HTTPS://A.example:443/x")))
                .isTrue();
        assertThat(Redirects.sameOrigin(URI.create("http://127.0.0.1:8080"), URI.create("http://127.0.0.1:8081")))
                .isFalse();
        assertThat(Redirects.isRedirect(304)).isFalse();
        assertThat(Redirects.isRedirect(308)).isTrue();
    }
}
