package io.github.pinning;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * An engine of a {@link PinningSslContext}: the engine it wraps, with its session checked
 * against the pins by the {@code wrap} or {@code unwrap} that completes a client handshake,
 * which then fails if pinning refuses it, as does every later one.
 */
final class CheckedSslEngine extends SSLEngine {

	private final SSLEngine delegate;

	private final CompletedHandshakeCheck check;

	private @Nullable BiFunction<SSLEngine, List<String>, String> protocolSelector;

	CheckedSslEngine(SSLEngine delegate, PinningTrustManager trustManager) {
		super(delegate.getPeerHost(), delegate.getPeerPort());
		this.delegate = delegate;
		this.check = new CompletedHandshakeCheck(trustManager);
		CompletionCheckedConnections.add(delegate);
	}

	@Override
	public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
		this.check.throwIfRefused();
		return checked(this.delegate.wrap(srcs, offset, length, dst));
	}

	@Override
	public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
		this.check.throwIfRefused();
		return checked(this.delegate.unwrap(src, dsts, offset, length));
	}

	private SSLEngineResult checked(SSLEngineResult result) throws SSLException {
		if (result.getHandshakeStatus() == HandshakeStatus.FINISHED && !this.check.isDone()
				&& this.delegate.getUseClientMode()) {
			try {
				this.check.check(this.delegate.getPeerHost(), this.delegate.getSSLParameters(),
						this.delegate.getSession());
			}
			catch (SSLException ex) {
				this.delegate.closeOutbound();
				throw ex;
			}
		}
		return result;
	}

	@Override
	public @Nullable Runnable getDelegatedTask() {
		return this.delegate.getDelegatedTask();
	}

	@Override
	public void closeInbound() throws SSLException {
		this.delegate.closeInbound();
	}

	@Override
	public boolean isInboundDone() {
		return this.delegate.isInboundDone();
	}

	@Override
	public void closeOutbound() {
		this.delegate.closeOutbound();
	}

	@Override
	public boolean isOutboundDone() {
		return this.delegate.isOutboundDone();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

	@Override
	public String[] getEnabledCipherSuites() {
		return this.delegate.getEnabledCipherSuites();
	}

	@Override
	public void setEnabledCipherSuites(String[] suites) {
		this.delegate.setEnabledCipherSuites(suites);
	}

	@Override
	public String[] getSupportedProtocols() {
		return this.delegate.getSupportedProtocols();
	}

	@Override
	public String[] getEnabledProtocols() {
		return this.delegate.getEnabledProtocols();
	}

	@Override
	public void setEnabledProtocols(String[] protocols) {
		this.delegate.setEnabledProtocols(protocols);
	}

	@Override
	public SSLSession getSession() {
		return this.delegate.getSession();
	}

	@Override
	public @Nullable SSLSession getHandshakeSession() {
		return this.delegate.getHandshakeSession();
	}

	@Override
	public void beginHandshake() throws SSLException {
		this.check.throwIfRefused();
		this.delegate.beginHandshake();
	}

	@Override
	public HandshakeStatus getHandshakeStatus() {
		return this.delegate.getHandshakeStatus();
	}

	@Override
	public void setUseClientMode(boolean mode) {
		this.delegate.setUseClientMode(mode);
	}

	@Override
	public boolean getUseClientMode() {
		return this.delegate.getUseClientMode();
	}

	@Override
	public void setNeedClientAuth(boolean need) {
		this.delegate.setNeedClientAuth(need);
	}

	@Override
	public boolean getNeedClientAuth() {
		return this.delegate.getNeedClientAuth();
	}

	@Override
	public void setWantClientAuth(boolean want) {
		this.delegate.setWantClientAuth(want);
	}

	@Override
	public boolean getWantClientAuth() {
		return this.delegate.getWantClientAuth();
	}

	@Override
	public void setEnableSessionCreation(boolean flag) {
		this.delegate.setEnableSessionCreation(flag);
	}

	@Override
	public boolean getEnableSessionCreation() {
		return this.delegate.getEnableSessionCreation();
	}

	@Override
	public SSLParameters getSSLParameters() {
		return this.delegate.getSSLParameters();
	}

	@Override
	public void setSSLParameters(SSLParameters parameters) {
		this.delegate.setSSLParameters(parameters);
	}

	@Override
	public @Nullable String getApplicationProtocol() {
		return this.delegate.getApplicationProtocol();
	}

	@Override
	public @Nullable String getHandshakeApplicationProtocol() {
		return this.delegate.getHandshakeApplicationProtocol();
	}

	@Override
	public void setHandshakeApplicationProtocolSelector(
			@Nullable BiFunction<SSLEngine, List<String>, String> selector) {
		this.protocolSelector = selector;
		this.delegate.setHandshakeApplicationProtocolSelector(
				(selector != null) ? (engine, protocols) -> selector.apply(this, protocols) : null);
	}

	@Override
	public @Nullable BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
		return this.protocolSelector;
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
