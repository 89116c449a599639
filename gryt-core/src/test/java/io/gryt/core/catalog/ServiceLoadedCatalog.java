package io.gryt.core.catalog;

import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.api.spi.Catalog;

import java.util.Map;

/** A catalog registered in META-INF/services, as a library would ship one. */
public final class ServiceLoadedCatalog implements Catalog {
    @Override
    public String name() {
        return "loaded-by-service";
    }

    @Override
    public Map<String, Step> steps() {
        return Map.of("service-probe", Step.step("service-probe").sh("echo service"));
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        return Map.of();
    }
}
