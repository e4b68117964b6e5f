package io.github.pinning.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A Spring Boot application that calls four local TLS backends (genuine, rotated, impostor,
 * report-only) through RestClient, RestTemplate, WebClient and an OpenFeign client, prints what
 * pinning did, and stays up serving Actuator. With {@code --demo.exit=true} it exits after the
 * table.
 */
@SpringBootApplication
@EnableFeignClients(clients = DemoFeignClient.class)
public class PinningSampleApplication {

	public static void main(String[] args) throws IOException {
		ConfigurableApplicationContext context = run(args);
		if (context.getEnvironment().getProperty("demo.exit", Boolean.class, false)) {
			SpringApplication.exit(context);
		}
	}

	/**
	 * Starts the backends and the application.
	 * @param args the command line
	 * @return the running application
	 * @throws IOException if the demo's files cannot be written
	 */
	public static ConfigurableApplicationContext run(String... args) throws IOException {
		Path directory = Files.createTempDirectory("pinning-sample");
		DemoHosts.install(directory);
		DemoBackends backends = new DemoBackends(directory);
		SpringApplication application = new SpringApplication(PinningSampleApplication.class);
		// Also when started from a test: under Spring AOT it names the generated initializer.
		application.setMainApplicationClass(PinningSampleApplication.class);
		application.setDefaultProperties(backends.properties());
		application.addInitializers((context) -> {
			context.getBeanFactory().registerSingleton("demoBackends", backends);
			context.addApplicationListener((ContextClosedEvent event) -> backends.close());
		});
		try {
			return application.run(args);
		}
		catch (RuntimeException ex) {
			// A start-up that fails, or that Spring AOT's build-time processing abandons on purpose,
			// must not leave the backends' threads keeping the JVM alive.
			backends.close();
			throw ex;
		}
	}

}
