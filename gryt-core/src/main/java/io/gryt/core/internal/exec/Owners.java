package io.gryt.core.internal.exec;

import io.gryt.api.spi.ProcessOwner;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Process ownership of what gryt records: who this JVM is, and whether the owner of a record is a process on
 * this host that no longer exists (so that what it left half done may be repaired).
 */
public final class Owners {
    private Owners() {
    }

    /** This JVM as an owner: pid, host name and process start time. */
    public static ProcessOwner self() {
        return Self.OWNER;
    }

    /** True when {@code owner} ran on this host and is no longer alive (a reused pid does not count as alive). */
    public static boolean isDeadHere(ProcessOwner owner) {
        return owner != null && Self.OWNER.host().equals(owner.host())
                && !ProcessTree.isAlive(owner.pid(), owner.processStart());
    }

    /** Computed once: the host name lookup may be slow. */
    private static final class Self {
        static final ProcessOwner OWNER = create();

        private static ProcessOwner create() {
            ProcessHandle self = ProcessHandle.current();
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
            return new ProcessOwner(self.pid(), host, self.info().startInstant().orElse(null));
        }
    }
}
