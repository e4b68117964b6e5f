package io.github.pinning.autoconfigure.jvm;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnpinnedLibrariesTests {

	private final Map<String, String> libraries = Map.of("org.springframework.web.client.RestTemplate",
			"present library: its fix", "com.example.NotOnTheClassPath", "absent library: its fix");

	@Test
	void namesTheLibrariesOnTheClassPathWhileTheJvmDefaultIsNotPinned() {
		UnpinnedLibraries coverage = new UnpinnedLibraries(this.libraries, getClass().getClassLoader(), () -> false);
		assertThat(coverage.unpinned()).containsExactly("present library: its fix");
		assertThat(coverage.appliedBy()).isEmpty();
	}

	@Test
	void namesNoneWhileTheJvmDefaultIsPinned() {
		UnpinnedLibraries coverage = new UnpinnedLibraries(this.libraries, getClass().getClassLoader(), () -> true);
		assertThat(coverage.unpinned()).isEmpty();
	}

	@Test
	void everyLibraryIsNamedByAClassOfItsOwnAndItsFixNamesJvmDefaultOrABundle() {
		assertThat(UnpinnedLibraries.LIBRARIES).allSatisfy((marker, fix) -> {
			assertThat(marker).startsWith("org.springframework.");
			assertThat(fix).containsAnyOf("pinning.jvm-default=true", "ssl.bundle", "ssl-bundle");
		});
	}

}
