package io.gryt.cli;

import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line ships the {@code s3} destination with the SDK's light HTTP client, and no other. */
class S3ClientClasspathTest {
    @Test
    void theS3DestinationIsThereOnTheUrlConnectionClient() throws Exception {
        assertThat(ServiceLoader.load(io.gryt.api.spi.DestinationProvider.class).stream()
                .map(p -> p.get().type())).contains("s3");
        Class.forName("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient");
    }

    @Test
    void neitherNettyNorApacheHttpClientComesWithIt() {
        for (String heavy : new String[]{"software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient",
                "software.amazon.awssdk.http.apache.ApacheHttpClient", "software.amazon.awssdk.http.apache5.Apache5HttpClient",
                "io.netty.channel.Channel", "org.apache.http.client.HttpClient"}) {
            assertThatThrownBy(() -> Class.forName(heavy)).as(heavy).isInstanceOf(ClassNotFoundException.class);
        }
    }
}
