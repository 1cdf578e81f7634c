package org.bourtol.embedded;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationFailedInput;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded broker's one extension: every CONNECT, PUBLISH and SUBSCRIBE is decided by {@link MqttAccess}
 * (the user name is kept in the connection's attributes at CONNECT), and the ids of connected clients are tracked.
 */
final class BrokerExtension implements ExtensionMain {

    private static final String USER = "bourtol.user";

    private final MqttAccess access;
    private final Set<String> connected = ConcurrentHashMap.newKeySet();

    BrokerExtension(MqttAccess access) {
        this.access = access;
    }

    Set<String> connected() {
        return Set.copyOf(connected);
    }

    @Override
    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        SimpleAuthenticator authenticator = this::authenticate;
        Services.securityRegistry().setAuthenticatorProvider(input -> authenticator);
        Authorizer authorizer = new Authorizer();
        Services.securityRegistry().setAuthorizerProvider(input -> authorizer);
        ClientLifecycleEventListener listener = new Lifecycle();
        Services.eventRegistry().setClientLifecycleEventListener(input -> listener);
    }

    @Override
    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
        connected.clear();
    }

    private void authenticate(SimpleAuthInput in, SimpleAuthOutput out) {
        String user = in.getConnectPacket().getUserName().orElse(null);
        byte[] password = in.getConnectPacket().getPassword().map(BrokerExtension::bytes).orElse(null);
        if (!access.checkValid(in.getClientInformation().getClientId(), user, password)) {
            out.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "not authorised");
            return;
        }
        in.getConnectionInformation().getConnectionAttributeStore().putAsString(USER, user);
        out.authenticateSuccessfully();
    }

    private static String user(ClientBasedInput in) {
        return in.getConnectionInformation().getConnectionAttributeStore().getAsString(USER).orElse(null);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private final class Authorizer implements PublishAuthorizer, SubscriptionAuthorizer {
        @Override
        public void authorizePublish(PublishAuthorizerInput in, PublishAuthorizerOutput out) {
            if (access.canWrite(in.getPublishPacket().getTopic(), user(in))) {
                out.authorizeSuccessfully();
            } else {
                out.failAuthorization();
            }
        }

        @Override
        public void authorizeSubscribe(SubscriptionAuthorizerInput in, SubscriptionAuthorizerOutput out) {
            if (access.canRead(in.getSubscription().getTopicFilter(), user(in))) {
                out.authorizeSuccessfully();
            } else {
                out.failAuthorization(SubackReasonCode.NOT_AUTHORIZED);
            }
        }
    }

    private final class Lifecycle implements ClientLifecycleEventListener {
        @Override
        public void onMqttConnectionStart(ConnectionStartInput in) {
        }

        @Override
        public void onAuthenticationSuccessful(AuthenticationSuccessfulInput in) {
            connected.add(in.getClientInformation().getClientId());
        }

        @Override
        public void onDisconnect(DisconnectEventInput in) {
            connected.remove(in.getClientInformation().getClientId());
        }

        @Override
        public void onAuthenticationFailedDisconnect(AuthenticationFailedInput in) {
            // a refused client never connected (it may have claimed the id of one that is)
        }
    }
}
