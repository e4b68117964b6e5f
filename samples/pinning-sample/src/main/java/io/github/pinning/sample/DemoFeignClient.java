package io.github.pinning.sample;

import java.net.URI;

import feign.Client;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A Spring Cloud OpenFeign client of the backends, declared as its reference shows. Each call
 * names the backend it goes to (a {@link URI} argument stands for the client's URL). Its TLS is
 * the {@code demo} SSL bundle's, which pinning wraps like every bundle, so Feign refuses the
 * impostor as Spring Boot's own clients do. Public, as Spring AOT's generated code refers to it.
 */
@FeignClient(name = "backends", url = "https://api.bank.localhost", configuration = DemoFeignClient.Tls.class)
public interface DemoFeignClient {

	/**
	 * Gets a backend's answer.
	 * @param backend the backend's URL
	 * @return its answer
	 */
	@GetMapping("/")
	String get(URI backend);

	/** The client's own configuration: Feign's default client on the bundle's socket factory. */
	class Tls {

		/**
		 * Feign's default client on the bundle's socket factory.
		 * @param bundles the SSL bundles
		 * @return the client
		 */
		@Bean
		Client feignClient(SslBundles bundles) {
			return new Client.Default(bundles.getBundle("demo").createSslContext().getSocketFactory(), null);
		}

	}

}
