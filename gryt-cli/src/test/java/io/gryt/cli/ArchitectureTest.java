package io.gryt.cli;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.RecordReads;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreProvider;
import io.gryt.api.spi.Versioning;
import io.gryt.api.spi.VersioningProvider;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture as rules over the compiled product classes of every module on this classpath (api, core, report,
 * sqlite, git, dashboard, junit, maven-plugin, cli; tests are not analysed): dependencies point one way, api <- core <- adapters, with no cycle
 * between packages, the CLI reaches the store and git only through the {@code Gryt} facade, and implementation
 * packages ({@code ..internal..}) stay inside their module.
 */
@AnalyzeClasses(packages = "io.gryt", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule theApiDependsOnNothingOfGrytButItself = classes()
            .that().resideInAPackage("io.gryt.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.gryt.api..", "java..")
            .because("gryt-api is what users and adapters compile against: records and interfaces, the JDK only");

    @ArchTest
    static final ArchRule theCoreImportsNoAdapterAndNoHeavyLibrary = noClasses()
            .that().resideInAPackage("io.gryt.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.gryt.sqlite..", "io.gryt.git..", "io.gryt.cli..",
                    "io.gryt.report..", "org.jdbi..", "org.sqlite..", "org.eclipse.jgit..", "picocli..")
            .because("the core finds its store and versioning through the SPI (ServiceLoader or the builder)");

    @ArchTest
    static final ArchRule adaptersImplementTheSpiWithoutTheCore = noClasses()
            .that().resideInAnyPackage("io.gryt.sqlite..", "io.gryt.git..", "io.gryt.postgres..")
            .should().dependOnClassesThat().resideInAnyPackage("io.gryt.core..", "io.gryt.cli..", "io.gryt.report..")
            .because("an adapter implements gryt-api's SPI and nothing else");

    @ArchTest
    static final ArchRule theS3DestinationUsesTheApiAndTheAwsSdkOnly = noClasses()
            .that().resideInAPackage("io.gryt.s3..")
            .should().dependOnClassesThat().resideInAnyPackage("io.gryt.core..", "io.gryt.cli..", "io.gryt.report..",
                    "io.gryt.sqlite..", "io.gryt.git..", "io.netty..", "org.apache.http..", "org.apache.hc..")
            .because("gryt-s3 is an adapter over gryt-api's Destination SPI, on the SDK's url-connection client");

    @ArchTest
    static final ArchRule theCoreStaysFreeOfTheAwsSdk = noClasses()
            .that().resideInAnyPackage("io.gryt.core..", "io.gryt.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.gryt.s3..", "software.amazon..")
            .because("S3 lives in its own module (gryt-s3), so that gryt-core stays light");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.gryt.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theCliAndTheDashboardReachStoresAndGitOnlyThroughTheFacade = noClasses()
            .that().resideInAnyPackage("io.gryt.cli..", "io.gryt.dashboard..")
            .should().dependOnClassesThat(spiServices())
            .because("the command line and the dashboard are thin layers over io.gryt.core.Gryt, the only door to the"
                    + " store and git");

    @ArchTest
    static final ArchRule internalPackagesStayInsideTheirModule = noClasses()
            .that().resideOutsideOfPackage("io.gryt.core..")
            .should().dependOnClassesThat().resideInAPackage("io.gryt.core.internal..")
            .because("io.gryt.core.internal holds gryt-core's implementation, with no compatibility promise");

    @ArchTest
    static final ArchRule reportsReadThroughTheTypedApi = noClasses()
            .that().resideInAPackage("io.gryt.report..")
            .should().dependOnClassesThat().resideInAnyPackage("io.gryt.sqlite..", "io.gryt.git..", "io.gryt.cli..",
                    "org.jdbi..", "org.sqlite..")
            .because("reports read only through gryt's typed API, so that every store can serve them");

    @ArchTest
    static final ArchRule theJunitAndMavenIntegrationsUseGrytThroughTheFacade = noClasses()
            .that().resideInAnyPackage("io.gryt.junit..", "io.gryt.maven..")
            .should().dependOnClassesThat().resideInAnyPackage("io.gryt.sqlite..", "io.gryt.git..", "io.gryt.cli..",
                    "io.gryt.report..", "org.jdbi..", "org.sqlite..", "org.eclipse.jgit..")
            .orShould().dependOnClassesThat(spiServices())
            .because("gryt-junit and gryt-maven-plugin drive gryt through io.gryt.core.Gryt; the adapters are found at"
                    + " run time");

    private static DescribedPredicate<JavaClass> spiServices() {
        return assignableTo(Store.class).or(assignableTo(RunStore.class)).or(assignableTo(ReleaseStore.class))
                .or(assignableTo(AuditStore.class)).or(assignableTo(RecordReads.class))
                .or(assignableTo(StoreProvider.class)).or(assignableTo(Versioning.class))
                .or(assignableTo(VersioningProvider.class))
                .as("a store, its reads, versioning or their providers (the SPI's services)");
    }
}
