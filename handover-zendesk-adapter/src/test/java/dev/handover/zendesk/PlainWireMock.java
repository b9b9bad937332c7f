package dev.handover.zendesk;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** A bare WireMock server, no fake state behind it, for tests that assert exactly what goes on the wire. */
final class PlainWireMock {
    private PlainWireMock() {}

    /** Started on a free loopback port, HTTP/1.1 only, as the fake Zendesk runs. */
    static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .http2PlainDisabled(true));
        server.start();
        return server;
    }
}
