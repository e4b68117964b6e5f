package io.github.pinning.autoconfigure.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of each client bean a post-processor saw, by bean name, for the start-up lines:
 * pinned, or found but left unpinned with what would pin it. Beans may be created on several
 * threads.
 */
public final class BeanCoverage implements PinningCoverage {

	private final Map<String, String> pinned = new TreeMap<>();

	private final Map<String, String> unpinned = new TreeMap<>();

	/**
	 * Records a bean that is pinned.
	 * @param beanName the bean
	 * @param description how the start-up line names it
	 */
	public synchronized void pinned(String beanName, String description) {
		this.pinned.put(beanName, description);
	}

	/**
	 * Records a bean that is left unpinned.
	 * @param beanName the bean
	 * @param description what it is and what would pin it, for the start-up warning
	 */
	public synchronized void unpinned(String beanName, String description) {
		this.unpinned.put(beanName, description);
	}

	@Override
	public synchronized List<String> appliedBy() {
		return new ArrayList<>(this.pinned.values());
	}

	@Override
	public synchronized List<String> unpinned() {
		return new ArrayList<>(this.unpinned.values());
	}

}
