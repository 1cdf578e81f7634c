package org.bourtol.notifier.cap;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The XML writing the CAP documents and the Atom feed share: one UTF-8 document whose root element carries its
 * namespace as the default one, and text elements whose value goes through {@link SafeXml#text} first.
 */
final class XmlDocument {

    /** Writes the root element's content. */
    @FunctionalInterface
    interface Content {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private XmlDocument() {
    }

    /** The document {@code <root xmlns="namespace">content</root>}. */
    static String render(String root, String namespace, Content content) throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement(root);
        w.writeDefaultNamespace(namespace);
        content.write(w);
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
        return out.toString();
    }

    /** {@code <name>value</name>}, without the characters XML cannot carry; nothing when {@code value} is null. */
    static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        w.writeStartElement(name);
        w.writeCharacters(SafeXml.text(value));
        w.writeEndElement();
    }
}
