package io.github.pinning.autoconfigure;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The auto-configuration is packaged by concern, and its packages, the root among them, form
 * no cycle: a concern or an integration can be read, and removed, without the others.
 */
class PackageArchitectureTests {

	private static final String ROOT = "io.github.pinning.autoconfigure";

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void packagesFormNoCycle() {
		slices().assignedFrom(new ByPackageBelowRoot()).should().beFreeOfCycles().check(this.classes);
	}

	@Test
	void theRootHoldsOnlyTheMainAutoConfiguration() {
		classes().that()
			.resideInAPackage(ROOT)
			.and()
			.doNotHaveSimpleName("package-info")
			.should()
			.haveNameMatching(ROOT.replace(".", "\\.") + "\\.PinningAutoConfiguration(\\$.*)?")
			.check(this.classes);
	}

	/** Each class belongs to the package right below the root it sits in, or to the root. */
	private static final class ByPackageBelowRoot implements SliceAssignment {

		@Override
		public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
			String name = javaClass.getPackageName();
			if (name.equals(ROOT)) {
				return SliceIdentifier.of("(root)");
			}
			if (!name.startsWith(ROOT + ".")) {
				return SliceIdentifier.ignore();
			}
			return SliceIdentifier.of(name.substring(ROOT.length() + 1).split("\\.")[0]);
		}

		@Override
		public String getDescription() {
			return "packages of the auto-configuration";
		}

	}

}
