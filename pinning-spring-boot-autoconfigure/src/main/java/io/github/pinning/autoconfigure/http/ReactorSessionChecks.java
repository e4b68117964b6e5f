package io.github.pinning.autoconfigure.http;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;

import io.github.pinning.CertificatePinningException;
import io.github.pinning.PinnedSessions;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;

/**
 * Has Reactor Netty's clients check each session against the pins once its handshake
 * completes, before the connection carries a request. Reactor Netty makes its SSL context from
 * the trust managers, which a resumed handshake skips: a session judged under pins that have
 * since changed (a TLS 1.3 ticket that arrived after the change) is checked again
 * ({@link PinnedSessions}), and one that an enforced pin set refuses fails the connection as a
 * failed handshake. Used only when Reactor Netty is on the class path: for the clients of the
 * builders, and for other Reactor Netty clients the starter reaches (Spring Cloud Gateway's).
 */
public final class ReactorSessionChecks {

	private static final String HANDLER_NAME = "pinning.SessionCheck";

	private ReactorSessionChecks() {
	}

	static ReactorClientHttpConnectorBuilder checking(ReactorClientHttpConnectorBuilder builder) {
		return builder.withHttpClientCustomizer(ReactorSessionChecks::checking);
	}

	static ReactorClientHttpRequestFactoryBuilder checking(ReactorClientHttpRequestFactoryBuilder builder) {
		return builder.withHttpClientCustomizer(ReactorSessionChecks::checking);
	}

	/**
	 * Returns a client whose TLS connections check their session when the handshake completes.
	 * @param client the client
	 * @return the checking client
	 */
	public static HttpClient checking(HttpClient client) {
		return client.doOnChannelInit((observer, channel, address) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.SslHandler) != null && pipeline.get(HANDLER_NAME) == null) {
				pipeline.addAfter(NettyPipeline.SslHandler, HANDLER_NAME, new SessionCheckHandler());
			}
		});
	}

	/**
	 * Turns a successful handshake whose session pinning refuses into a failed one, ahead of
	 * Reactor Netty's own handling of the handshake's end.
	 */
	private static final class SessionCheckHandler extends ChannelInboundHandlerAdapter {

		@Override
		public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
			if (event instanceof SslHandshakeCompletionEvent completion && completion.isSuccess()) {
				SSLEngine engine = context.pipeline().get(SslHandler.class).engine();
				try {
					PinnedSessions.check(engine);
				}
				catch (CertificatePinningException ex) {
					SSLHandshakeException refusal = new SSLHandshakeException(ex.getMessage());
					refusal.initCause(ex);
					context.fireUserEventTriggered(new SslHandshakeCompletionEvent(refusal));
					context.close();
					return;
				}
			}
			super.userEventTriggered(context, event);
		}

	}

}
