package org.medfed.client.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates commands and mixins for picocli, handing a constructor that asks for services ({@link CliServices}'
 * component types) those services; everything else comes from picocli's default factory. So commands receive the
 * ledger, IPFS, clock, … instead of reaching up to the root command for them, and tests pass fakes:
 * {@code new CommandLine(new MedfedCommand(), new ServiceFactory(services))}.
 */
public final class ServiceFactory implements IFactory {

    private final Map<Class<?>, Object> services = new HashMap<>();
    private final IFactory fallback = CommandLine.defaultFactory();

    public ServiceFactory(CliServices services) {
        try {
            for (RecordComponent component : CliServices.class.getRecordComponents()) {
                this.services.put(component.getType(), component.getAccessor().invoke(services));
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + CliServices.class.getSimpleName(), e);
        }
    }

    /** The factory of the real program: {@link CliServices#real()}. */
    public static ServiceFactory real() {
        return new ServiceFactory(CliServices.real());
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        Constructor<?> injectable = injectableConstructor(cls);
        if (injectable == null) {
            return fallback.create(cls);
        }
        Object[] args = new Object[injectable.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = services.get(injectable.getParameterTypes()[i]);
        }
        injectable.setAccessible(true);
        return cls.cast(injectable.newInstance(args));
    }

    /** The constructor that takes only services, at least one; null when there is none. */
    private Constructor<?> injectableConstructor(Class<?> cls) {
        for (Constructor<?> constructor : cls.getDeclaredConstructors()) {
            Class<?>[] types = constructor.getParameterTypes();
            if (types.length > 0 && services.keySet().containsAll(List.of(types))) {
                return constructor;
            }
        }
        return null;
    }
}
