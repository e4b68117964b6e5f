package io.github.pinning.autoconfigure;

import java.security.NoSuchAlgorithmException;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Installs a pinning {@link SSLContext}, made from the JVM's default trust store, as the JVM
 * default while the application context runs, and puts the previous one back when it closes.
 * {@link HttpsURLConnection} keeps its own default socket factory, so it is set too. Nothing
 * is installed unless {@code pinning.jvm-default} is {@code true} and a pin set is configured.
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
		this.previousContext = SSLContext.getDefault();
		this.previousSocketFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
		SSLContext.setDefault(context);
		HttpsURLConnection.setDefaultSSLSocketFactory(context.getSocketFactory());
	}

	@Override
	public void destroy() {
		if (this.previousContext != null) {
			SSLContext.setDefault(this.previousContext);
		}
		if (this.previousSocketFactory != null) {
			HttpsURLConnection.setDefaultSSLSocketFactory(this.previousSocketFactory);
		}
	}

}
