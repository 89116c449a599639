package io.gryt.core.release;

import io.gryt.api.spi.ProcessOwner;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The identity of this JVM as the owner of what it records. */
final class ProcessOwners {
    private ProcessOwners() {
    }

    static ProcessOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcessOwner(self.pid(), host(), self.info().startInstant().orElse(null));
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
