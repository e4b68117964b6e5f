package io.github.pinning;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The core serves a plain {@code SSLContext}, OkHttp or Netty as well as Spring: it must not
 * depend on Spring, nor on the auto-configuration built on top of it.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.pinning");

	@Test
	void noSpringArtifactIsOnTheCoresClassPath() {
		// The core's POM and everything it pulls in, for its users and for its own tests.
		for (String springClass : List.of("org.springframework.core.SpringVersion",
				"org.springframework.boot.SpringApplication", "org.springframework.context.ApplicationContext")) {
			assertThatExceptionOfType(ClassNotFoundException.class).as(springClass)
				.isThrownBy(() -> Class.forName(springClass, false, getClass().getClassLoader()));
		}
	}

	@Test
	void coreHasNoSpringDependency() {
		noClasses().that()
			.resideInAPackage("io.github.pinning..")
			.and()
			.resideOutsideOfPackage("io.github.pinning.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.github.pinning.autoconfigure..")
			.check(this.classes);
	}

}
