package io.github.pinning;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The core serves a plain {@code SSLContext}, OkHttp or Netty as well as Spring: it must not
 * depend on Spring, nor on the auto-configuration built on top of it.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.pinning");

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
