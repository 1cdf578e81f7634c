package org.bourtol.notifier.cap;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * XML parsing and schema validation hardened against XXE and friends (OWASP settings): DOCTYPE
 * declarations refused, no external entities, DTDs or schemas fetched, no XInclude, secure
 * processing on. Every XML Bourtol reads (CAP documents, tests) goes through here.
 */
public final class SafeXml {

    private SafeXml() {
    }

    public static DocumentBuilder documentBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(true);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be hardened", e);
        }
    }

    /**
     * {@code text} without the characters XML 1.0 cannot carry (C0 controls other than tab, line feed
     * and carriage return, U+FFFE, U+FFFF, lone surrogates). Names, headlines and instructions entered
     * by officers go through here before they are written into CAP or Atom, so one stray control
     * character cannot make the public feed unreadable. Null stays null.
     */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (sb != null) {
                    sb.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xD800) || (c > 0xDFFF && c < 0xFFFE);
            if (!ok && sb == null) {
                sb = new StringBuilder(text.length()).append(text, 0, i);
            } else if (ok && sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** Parses a document; throws {@link SAXException} for anything with a DOCTYPE. */
    public static Document parse(String xml) throws SAXException, IOException {
        return documentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    /** A schema loaded without fetching anything external beyond the given file. */
    public static Schema schema(URL xsd) throws SAXException {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        return f.newSchema(xsd);
    }

    /** Validates a document against a schema, refusing DOCTYPEs and external access. */
    public static void validate(Schema schema, String xml) throws SAXException, IOException {
        Validator v = schema.newValidator();
        v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        v.validate(new javax.xml.transform.dom.DOMSource(parse(xml)));
    }

}
