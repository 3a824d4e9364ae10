package io.scatterguard.mail.devtools;

import io.scatterguard.mail.parse.EmbeddedMessage;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ParsedMessage;
import io.scatterguard.mail.parse.Part;
import java.nio.file.Files;
import java.nio.file.Path;

/** Developer tool: prints how the reader sees a message (parts, quoted originals, flattened body). */
public final class ShowMessage {
    public static void main(String[] args) throws Exception {
        for (String a : args) {
            ParsedMessage m = new MessageReader().read(Files.readAllBytes(Path.of(a)));
            System.out.println("=== " + a + " (" + m.sizeBytes() + " bytes, envelope sender " + m.envelopeSender() + ")");
            System.out.print(m.headers());
            for (Part p : m.parts()) System.out.println("-- part " + p.mimeType() + " depth=" + p.messageDepth()
                    + " text=" + (p.text() == null ? "-" : p.text().length()));
            for (EmbeddedMessage e : m.embedded()) System.out.println("-- embedded from " + e.source() + " depth="
                    + e.messageDepth() + " fields=" + e.headers().fields().size() + " msgid=" + e.headers().get("Message-ID"));
            for (String n : m.notes()) System.out.println("-- note " + n);
            System.out.println("----- flattened body -----");
            System.out.println(m.body());
        }
    }
}
