package dev.handover.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** A class loader that sees only the CrmProvider service file it is given; classes come from the parent. */
final class ServicesClassLoader extends ClassLoader {
    private final URL servicesFile;

    ServicesClassLoader(Path dir, List<String> providerClassNames) {
        super(ServicesClassLoader.class.getClassLoader());
        try {
            Path file = dir.resolve("META-INF/services/" + CrmProvider.class.getName());
            Files.createDirectories(file.getParent());
            Files.write(file, providerClassNames);
            this.servicesFile = file.toUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.equals("META-INF/services/" + CrmProvider.class.getName())) {
            return Collections.enumeration(List.of(servicesFile));
        }
        return super.getResources(name);
    }
}
