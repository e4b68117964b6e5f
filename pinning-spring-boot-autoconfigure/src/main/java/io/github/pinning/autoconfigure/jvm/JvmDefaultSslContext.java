package io.github.pinning.autoconfigure.jvm;

import java.security.NoSuchAlgorithmException;
import java.security.Security;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import io.github.pinning.autoconfigure.http.ReactorSessionCaches;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Pins the JVM's default trust while the application context runs, and puts everything back
 * when it closes: a pinning {@link SSLContext}, made from the JVM's default trust store, as the
 * default {@code SSLContext} and as {@link HttpsURLConnection}'s default socket factory (which
 * it keeps apart), and the {@link JvmDefaultTrustProvider} first among the security providers,
 * for the clients that make their own {@code SSLContext} from the default
 * {@code TrustManagerFactory}. The session caches of the default {@code SSLContext} and of
 * Reactor Netty's default client provider are invalidated on a change of pins. Nothing is
 * installed unless {@code pinning.jvm-default} is {@code true} and pinning is on.
 */
public final class JvmDefaultSslContext implements InitializingBean, DisposableBean {

	private final SslBundlePinning pinning;

	private final boolean install;

	private @Nullable SSLContext previousContext;

	private @Nullable SSLSocketFactory previousSocketFactory;

	JvmDefaultSslContext(SslBundlePinning pinning, boolean install) {
		this.pinning = pinning;
		this.install = install;
	}

	/**
	 * Returns whether the pinning context is the JVM default while the context runs.
	 * @return whether it is installed
	 */
	public boolean isInstalled() {
		return this.previousContext != null;
	}

	@Override
	public void afterPropertiesSet() throws NoSuchAlgorithmException {
		if (!this.install || !this.pinning.isActive()) {
			return;
		}
		SSLContext context = this.pinning.systemDefault().createSslContext();
		JvmDefaultTrustProvider provider = new JvmDefaultTrustProvider(this.pinning);
		this.previousContext = SSLContext.getDefault();
		this.previousSocketFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
		Security.removeProvider(JvmDefaultTrustProvider.NAME);
		Security.insertProviderAt(provider, 1);
		SSLContext.setDefault(context);
		HttpsURLConnection.setDefaultSSLSocketFactory(context.getSocketFactory());
		ReactorSessionCaches.trackDefaultClient(this.pinning);
	}

	@Override
	public void destroy() {
		if (this.previousContext != null) {
			Security.removeProvider(JvmDefaultTrustProvider.NAME);
			SSLContext.setDefault(this.previousContext);
			this.previousContext = null;
		}
		if (this.previousSocketFactory != null) {
			HttpsURLConnection.setDefaultSSLSocketFactory(this.previousSocketFactory);
			this.previousSocketFactory = null;
		}
	}

}
