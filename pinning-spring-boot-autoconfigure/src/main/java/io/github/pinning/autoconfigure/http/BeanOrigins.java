package io.github.pinning.autoconfigure.http;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.type.MethodMetadata;

/**
 * Tells which beans Spring Boot's own auto-configurations define, as opposed to beans the
 * application defines in their place.
 */
final class BeanOrigins {

	private BeanOrigins() {
	}

	static boolean anyFromSpringBoot(ConfigurableListableBeanFactory beanFactory, Class<?> type) {
		for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
			if (isFromSpringBoot(beanFactory, name)) {
				return true;
			}
		}
		return false;
	}

	static boolean isFromSpringBoot(ConfigurableListableBeanFactory beanFactory, String name) {
		String origin = origin(beanFactory, name);
		return origin != null && origin.startsWith("org.springframework.boot.");
	}

	/** The class that declares the bean: its factory method's, or its own. */
	private static @Nullable String origin(ConfigurableListableBeanFactory beanFactory, String name) {
		try {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
			MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
					? annotated.getFactoryMethodMetadata() : null;
			if (factoryMethod != null) {
				return factoryMethod.getDeclaringClassName();
			}
			String factoryBean = definition.getFactoryBeanName();
			if (factoryBean != null) {
				Class<?> type = beanFactory.getType(factoryBean, false);
				return (type != null) ? type.getName() : null;
			}
			return definition.getBeanClassName();
		}
		catch (NoSuchBeanDefinitionException ex) {
			return null;
		}
	}

}
