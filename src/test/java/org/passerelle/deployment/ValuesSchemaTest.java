package org.passerelle.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values an operator could get wrong are refused by helm before anything reaches the cluster, with a message
 * naming the value: by values.schema.json, or by the chart's own checks for rules a schema cannot express.
 */
class ValuesSchemaTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong type                    | 'replicaCount: two'                                      | 'replicaCount: Invalid type. Expected: integer'
            unknown key at the top        | 'replicas: 2'                                            | 'Additional property replicas is not allowed'
            misspelled nested key         | '{database: {pasword: x}}'                               | 'database: Additional property pasword is not allowed'
            replicas below 1              | 'replicaCount: 0'                                        | 'replicaCount: Must be greater than or equal to 1'
            missing required secret name  | '{database: {passwordSecret: {name: null}}}'             | 'database.passwordSecret: name is required'
            secret name not a DNS name    | '{smsc: {passwordSecret: {name: Passerelle_SMSC}}}'      | 'smsc.passwordSecret.name: Does not match pattern'
            log format not in the list    | 'logFormat: json'                                        | 'logFormat: logFormat must be one of the following'
            phone key id not lower case   | '{privacy: {encryptionKeyIds: [K1]}}'                    | 'privacy.encryptionKeyIds.0: Does not match pattern'
            no phone key at all           | '{privacy: {hashKeyIds: []}}'                            | 'privacy.hashKeyIds: Array must have at least 1 items'
            database not PostgreSQL       | '{database: {url: "jdbc:h2:mem:x"}}'                     | 'database.url: Does not match pattern'
            port out of range             | '{smsc: {port: 70000}}'                                  | 'smsc.port: Must be less than or equal to 65535'
            CIDR without a prefix length  | '{networkPolicy: {egress: {smsc: {cidrs: [192.0.2.1]}}}}' | 'networkPolicy.egress.smsc.cidrs.0: Does not match pattern'
            peer without its namespace    | '{networkPolicy: {ingress: {mllp: [{podLabels: {app: x}}]}}}' | 'networkPolicy.ingress.mllp.0: Must validate one and only one schema'
            peer both CIDR and namespace  | '{networkPolicy: {ingress: {http: [{cidr: 10.0.0.0/8, namespace: a}]}}}' | 'networkPolicy.ingress.http.0: Must validate one and only one schema'
            """)
    void theSchemaRefuses(String what, String values, String named, @TempDir Path dir) {
        Path file = Chart.values(dir, "bad", values);

        assertThatThrownBy(() -> Chart.render(file)).as(what)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(named);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            too short a grace for payments | '{shutdown: {terminationGracePeriodSeconds: 30}}'              | shutdown.terminationGracePeriodSeconds must be at least 40
            current key not configured     | '{privacy: {currentEncryptionKey: k2}}'                      | privacy.currentEncryptionKey must be one of
            a secret in plain config       | '{config: {passerelle: {sms: {smsc: {password: hunter2}}}}}' | config must not hold a password or a key
            a budget no drain can meet     | '{replicaCount: 1}'                                           | podDisruptionBudget.minAvailable must be below replicaCount
            """)
    void theChartRefuses(String what, String values, String message, @TempDir Path dir) {
        Path file = Chart.values(dir, "bad", values);

        assertThatThrownBy(() -> Chart.render(file)).as(what).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one replica without a budget   | '{replicaCount: 1, podDisruptionBudget: {enabled: false}}'
            autoscaling instead of replicas | '{autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 6}}'
            plain text logs                | 'logFormat: plain'
            no network policy              | '{networkPolicy: {enabled: false}}'
            """)
    void theseAreAccepted(String what, String values, @TempDir Path dir) {
        Path file = Chart.values(dir, "good", values);

        assertThat(Chart.render(file).objects).as(what).isNotEmpty();
    }
}
