package io.github.pinning.autoconfigure.log;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.type.MethodMetadata;

/**
 * Tells where a bean was declared: which auto-configuration, or the application, defined it,
 * so that what the start-up log says applies the pins is what really does.
 */
public final class BeanOrigins {

	private BeanOrigins() {
	}

	/**
	 * Returns whether one of the beans of a type is declared by Spring Boot itself.
	 * @param beanFactory the bean factory
	 * @param type the bean type
	 * @return whether a bean of the type comes from Spring Boot
	 */
	public static boolean anyFromSpringBoot(ConfigurableListableBeanFactory beanFactory, Class<?> type) {
		for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
			if (isFromSpringBoot(beanFactory, name)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns whether a bean is declared by Spring Boot itself.
	 * @param beanFactory the bean factory
	 * @param name the bean name
	 * @return whether the bean comes from Spring Boot
	 */
	public static boolean isFromSpringBoot(ConfigurableListableBeanFactory beanFactory, String name) {
		String origin = origin(beanFactory, name);
		return origin != null && origin.startsWith("org.springframework.boot.");
	}

	/**
	 * Returns the name of the class that declares a bean: the class of its factory method,
	 * or its own class.
	 * @param beanFactory the bean factory
	 * @param name the bean name
	 * @return the class name, or {@code null} if it cannot be told
	 */
	public static @Nullable String origin(ConfigurableListableBeanFactory beanFactory, String name) {
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
