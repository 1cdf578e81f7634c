package org.bourtol.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionFenceTest {

    @Test
    void aStreamThreadsTransactionalIdIsItsNameWithoutTheThreadWord() {
        assertEquals("bourtol-rules-75078aa6-35bc-493a-8956-e0beebc384de-1",
                TransactionFence.transactionalId("bourtol-rules-75078aa6-35bc-493a-8956-e0beebc384de-StreamThread-1"));
        assertEquals("app-StreamThread-x-12", TransactionFence.transactionalId("app-StreamThread-x-StreamThread-12"));
    }

    @Test
    void nothingWrittenDownIsNothingToFence(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), new TransactionFence(dir).read());
        Files.writeString(dir.resolve(TransactionFence.FILE), "a-1\n\n  b-2 \n");
        assertEquals(List.of("a-1", "b-2"), new TransactionFence(dir).read());
    }
}
