<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FlowDiagram</name>
    <message>
        <source>Event flow diagram</source>
        <translation>事件流图</translation>
    </message>
    <message>
        <source>Help &gt; Reading the figures says more.</source>
        <translation>详见“帮助 &gt; 解读各项指标”。</translation>
    </message>
    <message>
        <source>No events yet.</source>
        <translation>尚无事件。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{name} {transmitted} in, {handled} handled, {failed} failed</source>
        <translation>{name} 传入 {transmitted}，已处理 {handled}，失败 {failed}</translation>
    </message>
    <message>
        <source>Sources: {sources}. Bus: {generated} generated, {transmitted} transmitted, {dropped} dropped. Handlers: {handlers}. Consumers: {consumed} consumed. Commands: {accepted} accepted, {no_op} no-op. Rejected: {rejected} (decisions, not losses). P(t|e) {p_t}, P(h|e) {p_h}, P(c|h) {p_c}.</source>
        <translation>来源：{sources}。总线：生成 {generated}，传递 {transmitted}，丢弃 {dropped}。处理器：{handlers}。消费者：已消费 {consumed}。命令：已接受 {accepted}，无操作 {no_op}。已拒绝：{rejected}（属于决定，不是损失）。P(t|e) {p_t}，P(h|e) {p_h}，P(c|h) {p_c}。</translation>
    </message>
    <message>
        <source>+{n} more</source>
        <translation>另有 {n} 个</translation>
    </message>
    <message>
        <source>Event bus</source>
        <translation>事件总线</translation>
    </message>
    <message>
        <source>{n} messages</source>
        <translation>{n} 条消息</translation>
    </message>
    <message>
        <source>{n} deliveries</source>
        <translation>{n} 次投递</translation>
    </message>
    <message>
        <source>{n} handled</source>
        <translation>已处理 {n}</translation>
    </message>
    <message>
        <source>{n} failed</source>
        <translation>失败 {n}</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>{n} consumed</source>
        <translation>已消费 {n}</translation>
    </message>
    <message>
        <source>{n} accepted</source>
        <translation>已接受 {n}</translation>
    </message>
    <message>
        <source>Dropped {n}</source>
        <translation>丢弃 {n}</translation>
    </message>
    <message>
        <source>no handler</source>
        <translation>无处理器</translation>
    </message>
    <message>
        <source>Failed {n}</source>
        <translation>失败 {n}</translation>
    </message>
    <message>
        <source>handler raised</source>
        <translation>处理器抛出异常</translation>
    </message>
    <message>
        <source>Rejected {n}</source>
        <translation>已拒绝 {n}</translation>
    </message>
    <message>
        <source>of {n} commands</source>
        <translation>共 {n} 条命令</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Bus</source>
        <translation>总线</translation>
    </message>
    <message>
        <source>Handlers</source>
        <translation>处理器</translation>
    </message>
    <message>
        <source>Use the cart: its events will flow through here</source>
        <translation>使用购物车：它的事件会在这里流过</translation>
    </message>
</context>
<context>
    <name>FlowDock</name>
    <message>
        <source>Flow</source>
        <translation>事件流</translation>
    </message>
    <message>
        <source>Flow view</source>
        <translation>事件流视图</translation>
    </message>
    <message>
        <source>Export heatmap PNG…</source>
        <translation>导出热力图 PNG…</translation>
    </message>
    <message>
        <source>Export the heatmap as PNG</source>
        <translation>将热力图导出为 PNG</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export statistics as CSV</source>
        <translation>将统计数据导出为 CSV</translation>
    </message>
    <message>
        <source>Heatmap saved to {path}</source>
        <translation>热力图已保存到 {path}</translation>
    </message>
    <message>
        <source>Export heatmap</source>
        <translation>导出热力图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Could not save {path}: {error}</source>
        <translation>无法保存 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>cartapp shows {language} when it starts again.</source>
        <translation>cartapp 下次启动时将显示{language}。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System ({language})</source>
        <translation>跟随系统（{language}）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{quantity} x {name} @ {price} = {net}</source>
        <translation>{quantity} × {name} @ {price} = {net}</translation>
    </message>
    <message>
        <source>Subtotal: {amount}</source>
        <translation>小计：{amount}</translation>
    </message>
    <message>
        <source>Tax: {amount}</source>
        <translation>税额：{amount}</translation>
    </message>
    <message>
        <source>Total: {amount}</source>
        <translation>合计：{amount}</translation>
    </message>
    <message>
        <source>{app} — event-driven shopping cart</source>
        <translation>{app} — 事件驱动的购物车</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Last event</source>
        <translation>最新事件</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find product…</source>
        <translation>查找商品(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Remove line</source>
        <translation>删除此行(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected cart line</source>
        <translation>删除所选的购物车行</translation>
    </message>
    <message>
        <source>&amp;Increase quantity</source>
        <translation>增加数量(&amp;I)</translation>
    </message>
    <message>
        <source>Add one more of the selected line</source>
        <translation>所选行再加一件</translation>
    </message>
    <message>
        <source>&amp;Decrease quantity</source>
        <translation>减少数量(&amp;D)</translation>
    </message>
    <message>
        <source>One less of the selected line</source>
        <translation>所选行减少一件</translation>
    </message>
    <message>
        <source>&amp;Edit quantity…</source>
        <translation>修改数量(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Add to cart</source>
        <translation>加入购物车(&amp;A)</translation>
    </message>
    <message>
        <source>Add the selected product</source>
        <translation>加入所选商品</translation>
    </message>
    <message>
        <source>&amp;Clear cart</source>
        <translation>清空购物车(&amp;C)</translation>
    </message>
    <message>
        <source>Empty the cart (can be undone)</source>
        <translation>清空购物车（可撤销）</translation>
    </message>
    <message>
        <source>Check&amp;out…</source>
        <translation>结账(&amp;O)…</translation>
    </message>
    <message>
        <source>Close the cart into an order</source>
        <translation>将购物车结算为订单</translation>
    </message>
    <message>
        <source>&amp;Park cart</source>
        <translation>挂起购物车(&amp;P)</translation>
    </message>
    <message>
        <source>Put the open cart aside to serve the next customer (can be undone)</source>
        <translation>把当前购物车暂放一边，先接待下一位顾客（可撤销）</translation>
    </message>
    <message>
        <source>&amp;About cartapp</source>
        <translation>关于 cartapp(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reading the figures</source>
        <translation>如何解读这些数字(&amp;R)</translation>
    </message>
    <message>
        <source>What P(e), P(t|e), P(h|e), P(c|h), Accepted and Rejected mean</source>
        <translation>P(e)、P(t|e)、P(h|e)、P(c|h)、已接受与已拒绝的含义</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Cart</source>
        <translation>购物车(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Scan: {reason}</source>
        <translation>扫码：{reason}</translation>
    </message>
    <message>
        <source>{code} is not a coupon code</source>
        <translation>{code} 不是优惠券代码</translation>
    </message>
    <message>
        <source>A parked cart&apos;s name must be plain text of at most 200 characters</source>
        <translation>挂起购物车的名称必须是不超过 200 个字符的纯文本</translation>
    </message>
    <message>
        <source>Checkout cancelled</source>
        <translation>已取消结账</translation>
    </message>
    <message>
        <source>Order #{number} cannot be found for a refund</source>
        <translation>找不到要退款的订单 #{number}</translation>
    </message>
    <message>
        <source>Payment cancelled; the cart is as it was</source>
        <translation>已取消付款；购物车保持原样</translation>
    </message>
    <message>
        <source>Error: {summary}</source>
        <translation>错误：{summary}</translation>
    </message>
    <message>
        <source>{summary} — thank you!</source>
        <translation>{summary} — 谢谢惠顾！</translation>
    </message>
    <message>
        <source>About cartapp</source>
        <translation>关于 cartapp</translation>
    </message>
    <message>
        <source>&lt;b&gt;cartapp {version}&lt;/b&gt;&lt;p&gt;An event-driven shopping cart: every click is a command on an event bus, handlers answer with facts, and the views follow the facts. The event log shows each event&apos;s path.&lt;/p&gt;</source>
        <translation>&lt;b&gt;cartapp {version}&lt;/b&gt;&lt;p&gt;一个事件驱动的购物车：每次点击都是事件总线上的一条命令，处理器以事实作答，视图跟随事实更新。事件日志展示每个事件的完整路径。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MetricsDock</name>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Metrics panel</source>
        <translation>指标面板</translation>
    </message>
    <message>
        <source>Metrics summary</source>
        <translation>指标摘要</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export statistics as CSV</source>
        <translation>将统计数据导出为 CSV</translation>
    </message>
    <message>
        <source>Save every statistic of this panel as CSV tables</source>
        <translation>将本面板的全部统计保存为 CSV 表格</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Reset statistics</source>
        <translation>重置统计</translation>
    </message>
    <message>
        <source>Forget all statistics and start counting again</source>
        <translation>清除全部统计并重新开始计数</translation>
    </message>
    <message>
        <source>Stage probabilities</source>
        <translation>各阶段概率</translation>
    </message>
    <message>
        <source>Stage latencies</source>
        <translation>各阶段延迟</translation>
    </message>
    <message>
        <source>Handler timings</source>
        <translation>处理器耗时</translation>
    </message>
    <message>
        <source>Messages &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>消息 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>commands &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>命令 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>rejected &lt;b&gt;{n}&lt;/b&gt; of {commands} commands</source>
        <translation>{commands} 条命令中拒绝 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{failed} of {calls} handler calls</source>
        <translation>{calls} 次处理器调用中{failed}</translation>
    </message>
    <message>
        <source>failed &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>失败 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{dropped} of {messages} messages</source>
        <translation>{messages} 条消息中{dropped}</translation>
    </message>
    <message>
        <source>dropped &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>丢弃 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>in flight &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>传输中 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{messages} messages: {commands} commands and {facts} facts. Rejected: {share} answered by CommandRejected (a decision, not a loss). Failed: handler calls that raised, of all handler calls. Dropped: messages no handler took, of all messages. In flight: generated, not yet consumed.</source>
        <translation>{messages} 条消息：{commands} 条命令和 {facts} 条事实。已拒绝：{share} 以 CommandRejected 答复（是决定，不是损失）。失败：抛出异常的处理器调用，占全部处理器调用的比例。丢弃：没有处理器接收的消息，占全部消息的比例。传输中：已生成、尚未消费。</translation>
    </message>
    <message>
        <source>Only the live counts of this run can be reset (choose “This run”); stored history stays</source>
        <translation>只能重置本次运行的实时计数（请选择“本次运行”）；已存储的历史保持不变</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>type the amount given</source>
        <translation>请输入收到的金额</translation>
    </message>
    <message>
        <source>the amount must be more than nothing</source>
        <translation>金额必须大于零</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <source>Tenders taken</source>
        <translation>已收款项</translation>
    </message>
    <message>
        <source>Amount given</source>
        <translation>收到金额</translation>
    </message>
    <message>
        <source>amount given</source>
        <translation>收到金额</translation>
    </message>
    <message>
        <source>Ca&amp;sh</source>
        <translation>现金(&amp;S)</translation>
    </message>
    <message>
        <source>Take the amount given in cash (change is given back)</source>
        <translation>按现金收取所输金额（多出部分找零）</translation>
    </message>
    <message>
        <source>Car&amp;d</source>
        <translation>银行卡(&amp;D)</translation>
    </message>
    <message>
        <source>Take the amount by card (at most what is due)</source>
        <translation>用银行卡收取所输金额（不超过应付金额）</translation>
    </message>
    <message>
        <source>Change due</source>
        <translation>应找零</translation>
    </message>
    <message>
        <source>A payment cannot be undone: once the order is paid, money goes back by a refund.</source>
        <translation>付款无法撤销：订单付清后，只能通过退款退回款项。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Drop the tenders taken and go back to the cart</source>
        <translation>放弃已收款项，返回购物车</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>&amp;Receipt…</source>
        <translation>收据(&amp;R)…</translation>
    </message>
    <message>
        <source>Preview, print or save the receipt of the order</source>
        <translation>预览、打印或保存该订单的收据</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Card: {amount}</source>
        <translation>银行卡：{amount}</translation>
    </message>
    <message>
        <source>Cash: {amount}</source>
        <translation>现金：{amount}</translation>
    </message>
    <message>
        <source>Order #{number} paid</source>
        <translation>订单 #{number} 已付款</translation>
    </message>
</context>
<context>
    <name>RateChart</name>
    <message>
        <source>Events per second, last minute</source>
        <translation>每秒事件数，最近一分钟</translation>
    </message>
    <message>
        <source>Events per second, its last minute</source>
        <translation>每秒事件数，其最后一分钟</translation>
    </message>
    <message>
        <source>these {n} s</source>
        <translation>这 {n} 秒内</translation>
    </message>
    <message>
        <source>its last {n} s</source>
        <translation>其最后 {n} 秒内</translation>
    </message>
    <message>
        <source>{n} message in {span}</source>
        <translation>{span}有 {n} 条消息</translation>
    </message>
    <message>
        <source>{n} messages in {span}</source>
        <translation>{span}有 {n} 条消息</translation>
    </message>
    <message>
        <source>All {n} message of the scope are in {span}</source>
        <translation>该范围的全部 {n} 条消息都在{span}</translation>
    </message>
    <message>
        <source>All {n} messages of the scope are in {span}</source>
        <translation>该范围的全部 {n} 条消息都在{span}</translation>
    </message>
    <message>
        <source>{shown} of the {total} messages of the scope are in {span}; the rest are older</source>
        <translation>该范围 {total} 条消息中有 {shown} 条在{span}；其余的更早</translation>
    </message>
    <message>
        <source>Messages (bars) and commands (line) per second over the last {n} s, up to now. {window}. The figures beside the chart count the whole scope.</source>
        <translation>最近 {n} 秒内每秒的消息数（柱）和命令数（线），截至现在。{window}。图表旁的数字统计的是整个范围。</translation>
    </message>
    <message>
        <source>Messages (bars) and commands (line) per second over the last {n} s, up to the end of the session. {window}. The figures beside the chart count the whole scope.</source>
        <translation>最后 {n} 秒内每秒的消息数（柱）和命令数（线），截至会话结束。{window}。图表旁的数字统计的是整个范围。</translation>
    </message>
    <message>
        <source>{messages} messages and {commands} commands in the current second; peak {peak} messages per second in the last {n} seconds</source>
        <translation>当前这一秒有 {messages} 条消息和 {commands} 条命令；最近 {n} 秒内峰值为每秒 {peak} 条消息</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Events per second, last {n} s</source>
        <translation>每秒事件数，最近 {n} 秒</translation>
    </message>
    <message>
        <source>Events/s, last {n} s</source>
        <translation>事件/秒，最近 {n} 秒</translation>
    </message>
    <message>
        <source>now {now}/s · peak {peak}/s</source>
        <translation>当前 {now}/秒 · 峰值 {peak}/秒</translation>
    </message>
    <message>
        <source>at the end {now}/s · peak {peak}/s</source>
        <translation>结束时 {now}/秒 · 峰值 {peak}/秒</translation>
    </message>
    <message>
        <source>{shown} of {total} messages · {status}</source>
        <translation>{total} 条消息中的 {shown} 条 · {status}</translation>
    </message>
    <message>
        <source>−{n} s</source>
        <translation>−{n} 秒</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>end</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>No events in the last minute</source>
        <translation>最近一分钟没有事件</translation>
    </message>
    <message>
        <source>No events in its last minute</source>
        <translation>其最后一分钟没有事件</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <source>Receipt of order #{number}</source>
        <translation>订单 #{number} 的收据</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收据</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Save the receipt as PDF</source>
        <translation>将收据保存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be saved: {error}</source>
        <translation>无法保存 PDF：{error}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Pays back</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Refund from order #{number}</source>
        <translation>订单 #{number} 退款</translation>
    </message>
    <message>
        <source>Lines of the order</source>
        <translation>订单明细</translation>
    </message>
    <message>
        <source>Units of {name} to return</source>
        <translation>{name} 的退回数量</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>why it comes back, e.g. damaged</source>
        <translation>退货原因，例如：损坏</translation>
    </message>
    <message>
        <source>Pay back by</source>
        <translation>退款方式</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>A refund cannot be undone; the stock comes back at once.</source>
        <translation>退款无法撤销；库存会立即恢复。</translation>
    </message>
    <message>
        <source>&amp;Refund</source>
        <translation>退款(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>Pay back &amp;by</source>
        <translation>退款方式(&amp;B)</translation>
    </message>
    <message>
        <source>choose what comes back and say why</source>
        <translation>请选择退回的商品并说明原因</translation>
    </message>
    <message>
        <source>the reason must be plain text (no control characters)</source>
        <translation>原因必须是纯文本（不能含控制字符）</translation>
    </message>
</context>
<context>
    <name>ScopeSelector</name>
    <message>
        <source>Statistics scope</source>
        <translation>统计范围</translation>
    </message>
    <message>
        <source>Which traffic the statistics count</source>
        <translation>统计所计入的流量</translation>
    </message>
    <message>
        <source>Which traffic the statistics count: {scope}</source>
        <translation>统计所计入的流量：{scope}</translation>
    </message>
</context>
<context>
    <name>StatsDock</name>
    <message>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <source>Statistics saved to {path}</source>
        <translation>统计数据已保存到 {path}</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>导出统计数据</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not save {path}: {error}</source>
        <translation>无法保存 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>TimeTravelDock</name>
    <message>
        <source>Live cart</source>
        <translation>实时购物车</translation>
    </message>
    <message>
        <source>History to browse</source>
        <translation>要浏览的历史</translation>
    </message>
    <message>
        <source>The live cart&apos;s history, or an imported session</source>
        <translation>实时购物车的历史，或导入的会话</translation>
    </message>
    <message>
        <source>First message</source>
        <translation>第一条消息</translation>
    </message>
    <message>
        <source>Previous message</source>
        <translation>上一条消息</translation>
    </message>
    <message>
        <source>Message in the session</source>
        <translation>会话中的消息</translation>
    </message>
    <message>
        <source>Next message</source>
        <translation>下一条消息</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>最后一条消息</translation>
    </message>
    <message>
        <source>Totals at the selected message</source>
        <translation>所选消息时的合计</translation>
    </message>
    <message>
        <source>That message is not in the store (nothing to show)</source>
        <translation>存储中没有这条消息（无可显示）</translation>
    </message>
    <message>
        <source>{title} · {n} message</source>
        <translation>{title} · {n} 条消息</translation>
    </message>
    <message>
        <source>{title} · {n} messages</source>
        <translation>{title} · {n} 条消息</translation>
    </message>
    <message>
        <source>{n} message</source>
        <translation>{n} 条消息</translation>
    </message>
    <message>
        <source>{n} messages</source>
        <translation>{n} 条消息</translation>
    </message>
    <message>
        <source>{title} · messages {first}–{last}</source>
        <translation>{title} · 第 {first}–{last} 条消息</translation>
    </message>
    <message>
        <source>stream {stream}, versions {first}–{last}</source>
        <translation>流 {stream}，版本 {first}–{last}</translation>
    </message>
    <message>
        <source>Subtotal {subtotal} &amp;nbsp;·&amp;nbsp; Tax {tax} &amp;nbsp;·&amp;nbsp; &lt;b&gt;Total {total}&lt;/b&gt;</source>
        <translation>小计 {subtotal} &amp;nbsp;·&amp;nbsp; 税额 {tax} &amp;nbsp;·&amp;nbsp; &lt;b&gt;合计 {total}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The live cart, following it</source>
        <translation>实时购物车，正在跟随</translation>
    </message>
    <message>
        <source>The live cart&apos;s history: {title}, read only (choose it to go back to live)</source>
        <translation>实时购物车的历史：{title}，只读（选择它可回到实时）</translation>
    </message>
    <message>
        <source>The cart at the selected message (read only)</source>
        <translation>所选消息时的购物车（只读）</translation>
    </message>
    <message>
        <source>What the time travel view shows</source>
        <translation>时间旅行视图显示的内容</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>回到实时</translation>
    </message>
    <message>
        <source>Show the current cart again and follow it</source>
        <translation>重新显示当前购物车并跟随它</translation>
    </message>
    <message>
        <source>Changed by this message</source>
        <translation>这条消息带来的变化</translation>
    </message>
    <message>
        <source>What this message changed</source>
        <translation>这条消息改变了什么</translation>
    </message>
</context>
<context>
    <name>TransitionHeatmap</name>
    <message>
        <source>Transition matrix of user actions</source>
        <translation>用户操作的转移矩阵</translation>
    </message>
    <message>
        <source>No user actions yet.</source>
        <translation>尚无用户操作。</translation>
    </message>
    <message>
        <source>Now: {action} · no prediction yet (never followed by another action)</source>
        <translation>当前：{action} · 暂无预测（其后从未有过其他操作）</translation>
    </message>
    <message>
        <source>Last action: {action} · no prediction yet (never followed by another action)</source>
        <translation>最后操作：{action} · 暂无预测（其后从未有过其他操作）</translation>
    </message>
    <message>
        <source>Now: {action} · most likely next: {next} ({share})</source>
        <translation>当前：{action} · 最可能的下一步：{next}（{share}）</translation>
    </message>
    <message>
        <source>Last action: {action} · most likely next: {next} ({share})</source>
        <translation>最后操作：{action} · 最可能的下一步：{next}（{share}）</translation>
    </message>
    <message>
        <source>User actions: P(next | current)</source>
        <translation>用户操作：P(next | current)</translation>
    </message>
    <message>
        <source>The transition matrix fills in as you use the cart
(it needs two actions in a row)</source>
        <translation>使用购物车时转移矩阵会逐渐填满
（需要连续两次操作）</translation>
    </message>
    <message>
        <source>next action: {action}</source>
        <translation>下一步操作：{action}</translation>
    </message>
    <message>
        <source>{source} → {target}: {p} ({count} of {total})</source>
        <translation>{source} → {target}：{p}（{total} 次中的 {count} 次）</translation>
    </message>
    <message>
        <source>{source} was never followed by another action yet</source>
        <translation>{source} 之后尚未有过其他操作</translation>
    </message>
    <message>
        <source>stationary share of {source}: {pi}</source>
        <translation>{source} 的平稳分布占比：{pi}</translation>
    </message>
</context>
<context>
    <name>glossary</name>
    <message>
        <source>{name}: {meaning} ({formula})</source>
        <translation>{name}：{meaning}（{formula}）</translation>
    </message>
    <message>
        <source>generation: the share of all generated messages that are of this kind or type</source>
        <translation>生成：在所有已生成的消息中，属于该类别或类型的比例</translation>
    </message>
    <message>
        <source>messages generated / all messages generated</source>
        <translation>已生成的消息数 / 已生成的全部消息数</translation>
    </message>
    <message>
        <source>transmission: of the generated messages, those the bus delivered to at least one handler (a message with no handler is dropped)</source>
        <translation>传递：在已生成的消息中，由总线投递给至少一个处理器的比例（没有处理器的消息被丢弃）</translation>
    </message>
    <message>
        <source>messages transmitted / messages generated</source>
        <translation>已传递的消息数 / 已生成的消息数</translation>
    </message>
    <message>
        <source>handling: of the deliveries to handlers, those a handler finished without raising (a rejection is handled: the handler decided)</source>
        <translation>处理：在投递给处理器的次数中，处理器未抛出异常而完成的比例（拒绝也算已处理：处理器作出了决定）</translation>
    </message>
    <message>
        <source>deliveries handled / deliveries</source>
        <translation>已处理的投递数 / 投递数</translation>
    </message>
    <message>
        <source>consumption of the result: of the handled messages, those whose result (the message and every fact it caused, a CommandRejected included) reached its consumers, the views</source>
        <translation>结果的消费：在已处理的消息中，其结果（消息本身及其引起的每条事实，包括 CommandRejected）到达消费者（各视图）的比例</translation>
    </message>
    <message>
        <source>handled messages consumed / handled messages</source>
        <translation>已消费的已处理消息数 / 已处理消息数</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>acceptance: of the handled commands, those that changed something (a fact other than CommandRejected or HandlerFailed followed). A rejected command is not accepted, and neither is a no-op (an update to the quantity a line already has: no fact at all)</source>
        <translation>接受：在已处理的命令中，确实改变了某些东西的比例（其后跟随的是 CommandRejected 或 HandlerFailed 以外的事实）。被拒绝的命令不算接受，无操作也不算（把数量更新为该行已有的数量：根本没有事实）</translation>
    </message>
    <message>
        <source>commands accepted / commands handled</source>
        <translation>已接受的命令数 / 已处理的命令数</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>commands answered by CommandRejected: a decision of the handler, handled without error and consumed; neither a loss nor a failure</source>
        <translation>以 CommandRejected 答复的命令：这是处理器的决定，已无错误地处理并被消费；既不是损失也不是失败</translation>
    </message>
    <message>
        <source>commands rejected, out of the row&apos;s commands</source>
        <translation>被拒绝的命令数，占该行命令数</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>failed (a handler raised) and dropped (no handler) messages</source>
        <translation>失败（处理器抛出异常）和丢弃（没有处理器）的消息</translation>
    </message>
    <message>
        <source>handler calls that raised, messages with no handler</source>
        <translation>抛出异常的处理器调用数，没有处理器的消息数</translation>
    </message>
    <message>
        <source>A message&apos;s life has four stages: generated (published by its source), transmitted (delivered by the bus to a handler), handled (the handler returned) and consumed (the message and every fact it caused reached the views). Each probability is measured from the app&apos;s own traffic and shown with its counts, e.g. 0.875 (7/8).</source>
        <translation>一条消息的生命有四个阶段：生成（由其来源发布）、传递（由总线投递给处理器）、处理（处理器返回）和消费（消息及其引起的每条事实到达各视图）。每个概率都由本应用自身的流量测得，并附上计数显示，例如 0.875 (7/8)。</translation>
    </message>
    <message>
        <source>{name} — {meaning}.</source>
        <translation>{name} — {meaning}。</translation>
    </message>
    <message>
        <source>Markov chain of user actions: the states are the commands a person gave (the UI&apos;s AddItem, UpdateItem, ...) and Undo and Redo, which are user actions of their own; the commands an undo or a redo publishes are not counted again.</source>
        <translation>用户操作的马尔可夫链：状态是用户发出的命令（界面的 AddItem、UpdateItem 等），以及撤销和重做——它们本身就是用户操作；撤销或重做所发布的命令不再重复计数。</translation>
    </message>
</context>
<context>
    <name>log_text</name>
    <message>
        <source>by {consumers}</source>
        <translation>由 {consumers}</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>add {quantity} x {name}</source>
        <translation>添加 {quantity} x {name}</translation>
    </message>
    <message>
        <source>remove {quantity} x {name}</source>
        <translation>移除 {quantity} x {name}</translation>
    </message>
    <message>
        <source>set {name} to {quantity}</source>
        <translation>将 {name} 设为 {quantity}</translation>
    </message>
    <message>
        <source>clear the cart</source>
        <translation>清空购物车</translation>
    </message>
    <message>
        <source>check out</source>
        <translation>结账</translation>
    </message>
    <message>
        <source>Added {quantity} x {name}</source>
        <translation>已添加 {quantity} x {name}</translation>
    </message>
    <message>
        <source>Removed {quantity} x {name}</source>
        <translation>已移除 {quantity} x {name}</translation>
    </message>
    <message>
        <source>Changed {name} from {previous} to {quantity}</source>
        <translation>已将 {name} 从 {previous} 改为 {quantity}</translation>
    </message>
    <message>
        <source>Cleared the cart (%n item)</source>
        <translation>已清空购物车（%n 件商品）</translation>
    </message>
    <message>
        <source>Cleared the cart (%n items)</source>
        <translation>已清空购物车（%n 件商品）</translation>
    </message>
    <message>
        <source>Checked out order #{number}: {total}</source>
        <translation>订单 #{number} 已结账：{total}</translation>
    </message>
    <message>
        <source>Rejected: {reason}</source>
        <translation>已拒绝：{reason}</translation>
    </message>
    <message>
        <source>{handler} failed on {message}: {error_type}: {error}</source>
        <translation>{handler} 处理 {message} 失败：{error_type}：{error}</translation>
    </message>
    <message>
        <source>resume parked cart #{number} of till {till}</source>
        <translation>恢复收银台 {till} 的挂单 #{number}</translation>
    </message>
    <message>
        <source>Resumed parked cart #{number} of till {till}: %n items</source>
        <translation>已恢复收银台 {till} 的挂单 #{number}：%n 件商品</translation>
    </message>
    <message>
        <source>hand parked cart #{number} over to till {till}</source>
        <translation>将挂单 #{number} 移交给收银台 {till}</translation>
    </message>
    <message>
        <source>Parked cart #{number} was resumed at till {till}</source>
        <translation>挂单 #{number} 已在收银台 {till} 恢复</translation>
    </message>
    <message>
        <source>park the cart as {name}</source>
        <translation>将购物车挂单为 {name}</translation>
    </message>
    <message>
        <source>park the cart</source>
        <translation>挂单</translation>
    </message>
    <message>
        <source>resume parked cart #{number}</source>
        <translation>恢复挂单 #{number}</translation>
    </message>
    <message>
        <source>Parked cart #{number} ({name}): %n items</source>
        <translation>已挂单 #{number}（{name}）：%n 件商品</translation>
    </message>
    <message>
        <source>Parked cart #{number}: %n items</source>
        <translation>已挂单 #{number}：%n 件商品</translation>
    </message>
    <message>
        <source>Resumed parked cart #{number} ({name})</source>
        <translation>已恢复挂单 #{number}（{name}）</translation>
    </message>
    <message>
        <source>Resumed parked cart #{number}</source>
        <translation>已恢复挂单 #{number}</translation>
    </message>
    <message>
        <source>discount {off} off the order</source>
        <translation>整单折扣 {off}</translation>
    </message>
    <message>
        <source>discount {off} off {name}</source>
        <translation>{name} 折扣 {off}</translation>
    </message>
    <message>
        <source>remove the discount of the order</source>
        <translation>取消整单折扣</translation>
    </message>
    <message>
        <source>remove the discount of {what}</source>
        <translation>取消 {what} 的折扣</translation>
    </message>
    <message>
        <source>take {amount} by card</source>
        <translation>银行卡收款 {amount}</translation>
    </message>
    <message>
        <source>take {amount} by cash</source>
        <translation>现金收款 {amount}</translation>
    </message>
    <message>
        <source>cancel the payment</source>
        <translation>取消付款</translation>
    </message>
    <message>
        <source>refund order #{number}: {reason}</source>
        <translation>订单 #{number} 退款：{reason}</translation>
    </message>
    <message>
        <source>Discount {off} off the order</source>
        <translation>整单折扣 {off}</translation>
    </message>
    <message>
        <source>Discount {off} off {name}</source>
        <translation>{name} 折扣 {off}</translation>
    </message>
    <message>
        <source>Coupon {code}: {off} off</source>
        <translation>优惠券 {code}：优惠 {off}</translation>
    </message>
    <message>
        <source>Removed the discount of the order</source>
        <translation>已取消整单折扣</translation>
    </message>
    <message>
        <source>Removed the discount of {what}</source>
        <translation>已取消 {what} 的折扣</translation>
    </message>
    <message>
        <source>Took {amount} by card</source>
        <translation>已用银行卡收款 {amount}</translation>
    </message>
    <message>
        <source>Took {amount} by cash</source>
        <translation>已收现金 {amount}</translation>
    </message>
    <message>
        <source>Cancelled the payment (%n tender(s))</source>
        <translation>已取消付款（%n 笔收款）</translation>
    </message>
    <message>
        <source>Refunded {amount} of order #{number}</source>
        <translation>已退款订单 #{number} 的 {amount}</translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <source>a payment is in progress ({due} still due); cancel it to change the cart</source>
        <translation>正在付款（仍应付 {due}）；要修改购物车请先取消付款</translation>
    </message>
    <message>
        <source>unknown product &apos;{item}&apos;</source>
        <translation>未知商品“{item}”</translation>
    </message>
    <message>
        <source>quantity must be at least 1 (got {got})</source>
        <translation>数量至少为 1（收到 {got}）</translation>
    </message>
    <message>
        <source>quantity must be at most {most} (got {got})</source>
        <translation>数量最多为 {most}（收到 {got}）</translation>
    </message>
    <message>
        <source>quantity of {name} must be at least 1 (got {got}); use Remove to take it out of the cart</source>
        <translation>{name} 的数量至少为 1（收到 {got}）；要从购物车中拿出请用“移除”</translation>
    </message>
    <message>
        <source>quantity of {name} must be at most {most} (got {got})</source>
        <translation>{name} 的数量最多为 {most}（收到 {got}）</translation>
    </message>
    <message>
        <source>at most {most} x {name} per cart ({in_cart} already in the cart)</source>
        <translation>每个购物车最多 {most} x {name}（购物车中已有 {in_cart}）</translation>
    </message>
    <message>
        <source>no more {name} in stock ({in_cart} already in the cart)</source>
        <translation>{name} 已无更多库存（购物车中已有 {in_cart}）</translation>
    </message>
    <message>
        <source>{name} is out of stock</source>
        <translation>{name} 已售罄</translation>
    </message>
    <message>
        <source>only {left} more {name} in stock ({in_cart} already in the cart)</source>
        <translation>{name} 库存只剩 {left} 件可加（购物车中已有 {in_cart}）</translation>
    </message>
    <message>
        <source>only {left} {name} left in stock</source>
        <translation>{name} 库存只剩 {left} 件</translation>
    </message>
    <message>
        <source>only {most} {name} in stock</source>
        <translation>{name} 库存只有 {most} 件</translation>
    </message>
    <message>
        <source>the cart total would be {total} {currency}; an order must stay below {limit} {currency}</source>
        <translation>购物车合计将为 {total} {currency}；订单必须低于 {limit} {currency}</translation>
    </message>
    <message>
        <source>the cart total is {total} {currency}; an order must stay below {limit} {currency}</source>
        <translation>购物车合计为 {total} {currency}；订单必须低于 {limit} {currency}</translation>
    </message>
    <message>
        <source>&apos;{item}&apos; is not in the cart</source>
        <translation>“{item}”不在购物车中</translation>
    </message>
    <message>
        <source>only {quantity} x {name} in the cart</source>
        <translation>购物车中只有 {quantity} x {name}</translation>
    </message>
    <message>
        <source>the cart is already empty</source>
        <translation>购物车已经是空的</translation>
    </message>
    <message>
        <source>cannot check out an empty cart</source>
        <translation>空购物车无法结账</translation>
    </message>
    <message>
        <source>{due} is still due; take another payment or cancel it</source>
        <translation>仍应付 {due}；请再收一笔款或取消付款</translation>
    </message>
    <message>
        <source>unknown command {command}</source>
        <translation>未知命令 {command}</translation>
    </message>
    <message>
        <source>a huge number</source>
        <translation>一个极大的数</translation>
    </message>
    <message>
        <source>give a discount as either a percent or an amount</source>
        <translation>折扣请给出百分比或金额，二者选一</translation>
    </message>
    <message>
        <source>a discount must take something off</source>
        <translation>折扣必须减去一些金额</translation>
    </message>
    <message>
        <source>cannot discount an empty cart</source>
        <translation>空购物车无法打折</translation>
    </message>
    <message>
        <source>the order already has a discount; remove it first</source>
        <translation>该订单已有折扣；请先取消它</translation>
    </message>
    <message>
        <source>{name} already has a discount; remove it first</source>
        <translation>{name} 已有折扣；请先取消它</translation>
    </message>
    <message>
        <source>a discount of {off} is more than {name}&apos;s {net}</source>
        <translation>{off} 的折扣超过了 {name} 的 {net}</translation>
    </message>
    <message>
        <source>unknown coupon code {code}</source>
        <translation>未知优惠券代码 {code}</translation>
    </message>
    <message>
        <source>coupon {code} is already applied</source>
        <translation>优惠券 {code} 已经使用</translation>
    </message>
    <message>
        <source>coupon {code} expired on {day}</source>
        <translation>优惠券 {code} 已于 {day} 过期</translation>
    </message>
    <message>
        <source>coupon {code} is valid from {day}</source>
        <translation>优惠券 {code} 自 {day} 起生效</translation>
    </message>
    <message>
        <source>coupon {code} applies to the order only; nothing in the cart does</source>
        <translation>优惠券 {code} 仅适用于整单；购物车中没有适用的商品</translation>
    </message>
    <message>
        <source>coupon {code} applies to {categories} only; nothing in the cart does</source>
        <translation>优惠券 {code} 仅适用于 {categories}；购物车中没有适用的商品</translation>
    </message>
    <message>
        <source>coupon {code}: minimum spend {minimum} not reached ({base} so far)</source>
        <translation>优惠券 {code}：未达到最低消费 {minimum}（目前 {base}）</translation>
    </message>
    <message>
        <source>coupon {code} is not applied</source>
        <translation>优惠券 {code} 未使用</translation>
    </message>
    <message>
        <source>{name} has no discount</source>
        <translation>{name} 没有折扣</translation>
    </message>
    <message>
        <source>the order has no discount</source>
        <translation>该订单没有折扣</translation>
    </message>
    <message>
        <source>no payment is in progress</source>
        <translation>当前没有进行中的付款</translation>
    </message>
    <message>
        <source>cannot take a payment for an empty cart</source>
        <translation>空购物车无法收款</translation>
    </message>
    <message>
        <source>nothing is due; check out</source>
        <translation>已无应付金额；请结账</translation>
    </message>
    <message>
        <source>a payment must be more than nothing</source>
        <translation>付款金额必须大于零</translation>
    </message>
    <message>
        <source>a card pays at most what is due ({due}), not {amount}</source>
        <translation>银行卡最多支付应付金额（{due}），不能支付 {amount}</translation>
    </message>
    <message>
        <source>there is no order #{number}</source>
        <translation>没有订单 #{number}</translation>
    </message>
    <message>
        <source>name at least one line to refund</source>
        <translation>请至少指定一行要退款的商品</translation>
    </message>
    <message>
        <source>order #{number} has no &apos;{item}&apos;</source>
        <translation>订单 #{number} 中没有“{item}”</translation>
    </message>
    <message>
        <source>&apos;{item}&apos; is listed twice</source>
        <translation>“{item}”列出了两次</translation>
    </message>
    <message>
        <source>quantity of {name} must be at least 1 (got {got})</source>
        <translation>{name} 的数量至少为 1（收到 {got}）</translation>
    </message>
    <message>
        <source>{name} of order #{number} was already refunded in full</source>
        <translation>订单 #{number} 的 {name} 已全部退款</translation>
    </message>
    <message>
        <source>only {quantity} x {name} of order #{number} can still be refunded</source>
        <translation>订单 #{number} 中只有 {quantity} x {name} 还可以退款</translation>
    </message>
    <message>
        <source>cannot park an empty cart</source>
        <translation>空购物车无法挂单</translation>
    </message>
    <message>
        <source>at most {most} carts can be parked; resume one first</source>
        <translation>最多只能挂 {most} 单；请先恢复一单</translation>
    </message>
    <message>
        <source>parked cart #{number} exists already</source>
        <translation>挂单 #{number} 已存在</translation>
    </message>
    <message>
        <source>there is no parked cart #{number}</source>
        <translation>没有挂单 #{number}</translation>
    </message>
    <message>
        <source>the cart is not empty; park it or check it out before resuming #{number}</source>
        <translation>购物车不是空的；恢复 #{number} 之前请先挂单或结账</translation>
    </message>
    <message>
        <source>the cart is not empty; park it or check it out before resuming parked cart #{number} of till {till}</source>
        <translation>购物车不是空的；恢复收银台 {till} 的挂单 #{number} 之前请先挂单或结账</translation>
    </message>
    <message>
        <source>there is no parked cart #{number} to hand over</source>
        <translation>没有可移交的挂单 #{number}</translation>
    </message>
    <message>
        <source>the shop&apos;s server cannot be reached, so {name} cannot be reserved; removing, lowering and checking out still work</source>
        <translation>无法连接商店服务器，因此无法预留 {name}；移除、减少数量和结账仍然可用</translation>
    </message>
    <message>
        <source>the shop&apos;s server cannot be reached, so parked cart #{number} cannot be resumed (other tills can see it); it stays parked</source>
        <translation>无法连接商店服务器，因此无法恢复挂单 #{number}（其他收银台可以看到它）；它仍保持挂单</translation>
    </message>
    <message>
        <source>the shop&apos;s server cannot be reached, so parked cart #{number} of till {till} cannot be resumed (other tills can see it); it stays parked</source>
        <translation>无法连接商店服务器，因此无法恢复收银台 {till} 的挂单 #{number}（其他收银台可以看到它）；它仍保持挂单</translation>
    </message>
    <message>
        <source>the shop did not answer ({error}); nothing was reserved</source>
        <translation>商店没有响应（{error}）；未预留任何商品</translation>
    </message>
    <message>
        <source>the shop did not answer ({error}); parked cart #{number} stays parked</source>
        <translation>商店没有响应（{error}）；挂单 #{number} 仍保持挂单</translation>
    </message>
    <message>
        <source>the shop did not answer ({error}); parked cart #{number} of till {till} stays parked</source>
        <translation>商店没有响应（{error}）；收银台 {till} 的挂单 #{number} 仍保持挂单</translation>
    </message>
    <message>
        <source>parked cart #{number} was just resumed at till {holder}</source>
        <translation>挂单 #{number} 刚在收银台 {holder} 被恢复</translation>
    </message>
    <message>
        <source>parked cart #{number} was just resumed at another till</source>
        <translation>挂单 #{number} 刚在另一台收银台被恢复</translation>
    </message>
    <message>
        <source>parked cart #{number} of till {till} was just resumed at till {holder}</source>
        <translation>收银台 {till} 的挂单 #{number} 刚在收银台 {holder} 被恢复</translation>
    </message>
    <message>
        <source>parked cart #{number} of till {till} was just resumed at another till</source>
        <translation>收银台 {till} 的挂单 #{number} 刚在另一台收银台被恢复</translation>
    </message>
    <message>
        <source>the last {name} was just taken</source>
        <translation>最后一件 {name} 刚被拿走</translation>
    </message>
    <message>
        <source>the last {name} was just taken at till {till}</source>
        <translation>最后一件 {name} 刚在收银台 {till} 被拿走</translation>
    </message>
    <message>
        <source>only {left} {name} left in the shop</source>
        <translation>商店里 {name} 只剩 {left} 件</translation>
    </message>
</context>
<context>
    <name>receipt</name>
    <message>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Order #{number}</source>
        <translation>订单 #{number}</translation>
    </message>
    <message>
        <source>discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Tax {rate} on {base}</source>
        <translation>税额 {rate}（计税 {base}）</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>谢谢惠顾！</translation>
    </message>
</context>
<context>
    <name>scopes</name>
    <message>
        <source>Session {number} · order #{order} · {when}</source>
        <translation>会话 {number} · 订单 #{order} · {when}</translation>
    </message>
    <message>
        <source>Session {number} · order #{order}</source>
        <translation>会话 {number} · 订单 #{order}</translation>
    </message>
    <message>
        <source>The stored traffic of session {number} (messages {first} to {last}), ending with order #{order}</source>
        <translation>会话 {number} 的已存储流量（第 {first} 至 {last} 条消息），以订单 #{order} 结束</translation>
    </message>
</context>
<context>
    <name>time_travel</name>
    <message>
        <source>Current session</source>
        <translation>当前会话</translation>
    </message>
    <message>
        <source>Imported: {name}</source>
        <translation>已导入：{name}</translation>
    </message>
    <message>
        <source>Total {amount}</source>
        <translation>合计 {amount}</translation>
    </message>
    <message>
        <source>Current session (order #{number}, checked out)</source>
        <translation>当前会话（订单 #{number}，已结账）</translation>
    </message>
    <message>
        <source>Order #{number}</source>
        <translation>订单 #{number}</translation>
    </message>
    <message>
        <source>Live cart: nothing has happened in this session yet.</source>
        <translation>实时购物车：本次会话中尚未发生任何事。</translation>
    </message>
    <message>
        <source>This range holds no messages.</source>
        <translation>此范围内没有消息。</translation>
    </message>
    <message>
        <source>Live cart, following every change (last: &apos;{summary}&apos;). Pick a row in the event log or move the slider to look back.</source>
        <translation>实时购物车，跟随每一次变化（最近：“{summary}”）。在事件日志中选一行或拖动滑块即可回溯。</translation>
    </message>
    <message>
        <source>Replaying {name}: the cart at {time} after &apos;{summary}&apos; — read only, your cart is not changed</source>
        <translation>正在重放 {name}：{time} “{summary}”之后的购物车——只读，你的购物车不会改变</translation>
    </message>
    <message>
        <source>Replaying {name}: the cart at {time} after command &apos;{summary}&apos; — read only, your cart is not changed</source>
        <translation>正在重放 {name}：{time} 命令“{summary}”之后的购物车——只读，你的购物车不会改变</translation>
    </message>
    <message>
        <source>Viewing the cart as it was at {time} after &apos;{summary}&apos; — read only</source>
        <translation>正在查看 {time} “{summary}”之后的购物车——只读</translation>
    </message>
    <message>
        <source>Viewing the cart as it was at {time} after command &apos;{summary}&apos; — read only</source>
        <translation>正在查看 {time} 命令“{summary}”之后的购物车——只读</translation>
    </message>
    <message>
        <source>Nothing yet: no message in this session.</source>
        <translation>尚无内容：本次会话中没有消息。</translation>
    </message>
    <message>
        <source>Nothing: a command changes nothing by itself; its facts follow it.</source>
        <translation>无变化：命令本身不改变任何东西；随后的事实才会改变。</translation>
    </message>
    <message>
        <source>The cart was closed into order #{number} ({total}) and is empty.</source>
        <translation>购物车已结为订单 #{number}（{total}），现在是空的。</translation>
    </message>
    <message>
        <source>Nothing in the cart changed.</source>
        <translation>购物车没有任何变化。</translation>
    </message>
</context>
</TS>
