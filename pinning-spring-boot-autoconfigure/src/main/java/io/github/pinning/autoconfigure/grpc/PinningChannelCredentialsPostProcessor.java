package io.github.pinning.autoconfigure.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.net.ssl.KeyManager;

import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.grpc.client.ChannelCredentialsProvider;

/**
 * Wraps every {@link ChannelCredentialsProvider} bean, Spring gRPC's or the application's, so
 * that TLS credentials that name no trust (gRPC's {@code TlsChannelCredentials.create()}, which
 * Spring gRPC gives a channel with {@code negotiation-type=TLS} and no SSL bundle: the JVM's
 * default trust) get the JVM's default trust, pinned. Credentials with trust managers or root
 * certificates of their own are kept: those of an SSL bundle come from the pinned registry.
 */
final class PinningChannelCredentialsPostProcessor implements BeanPostProcessor, PinningCoverage {

	private final ObjectProvider<SslBundlePinning> pinning;

	private final Set<String> pinnedChannels = new TreeSet<>();

	private volatile boolean wrapped;

	PinningChannelCredentialsPostProcessor(ObjectProvider<SslBundlePinning> pinning) {
		this.pinning = pinning;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ChannelCredentialsProvider provider && !(bean instanceof PinnedProvider)) {
			this.wrapped = true;
			return new PinnedProvider(provider);
		}
		return bean;
	}

	private @Nullable ChannelCredentials pinned(String channel, ChannelCredentials credentials) {
		if (!(credentials instanceof TlsChannelCredentials tls) || tls.getTrustManagers() != null
				|| tls.getRootCertificates() != null) {
			return null;
		}
		SslBundlePinning pinning = this.pinning.getIfAvailable();
		SslBundle jvmTrust = (pinning != null) ? pinning.pinIfUnpinned(null) : null;
		if (jvmTrust == null) {
			return null;
		}
		TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder()
			.trustManager(jvmTrust.getManagers().getTrustManagers());
		if (tls.getKeyManagers() != null) {
			builder.keyManager(tls.getKeyManagers().toArray(new KeyManager[0]));
		}
		else if (tls.getCertificateChain() != null && tls.getPrivateKey() != null) {
			try {
				builder.keyManager(new ByteArrayInputStream(tls.getCertificateChain()),
						new ByteArrayInputStream(tls.getPrivateKey()), tls.getPrivateKeyPassword());
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not read the client key of gRPC channel '" + channel + "'", ex);
			}
		}
		record(channel);
		return builder.build();
	}

	private synchronized void record(String channel) {
		this.pinnedChannels.add(channel);
	}

	/**
	 * Names Spring gRPC's channels once a credentials provider is wrapped, with the channels
	 * pinned so far (channels are mostly made after start-up, on first use).
	 */
	@Override
	public synchronized List<String> appliedBy() {
		if (!this.wrapped) {
			return List.of();
		}
		return List.of("Spring gRPC channels over TLS without an SSL bundle"
				+ (this.pinnedChannels.isEmpty() ? "" : " " + this.pinnedChannels));
	}

	/** A provider whose TLS credentials that take the JVM's default trust are pinned. */
	private final class PinnedProvider implements ChannelCredentialsProvider {

		private final ChannelCredentialsProvider delegate;

		PinnedProvider(ChannelCredentialsProvider delegate) {
			this.delegate = delegate;
		}

		@Override
		public ChannelCredentials getChannelCredentials(String path) {
			ChannelCredentials credentials = this.delegate.getChannelCredentials(path);
			ChannelCredentials pinned = pinned(path, credentials);
			return (pinned != null) ? pinned : credentials;
		}

	}

}
